import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createActor, useTestDatabase } from "../support/db";

/**
 * Every export of a "use server" file is a public POST endpoint. This finds them all by walking
 * the source tree and proves each refuses a caller without a session and, for mutations, a viewer.
 * A new action that skips defineAction (or declares too low a role) fails here.
 */

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.actor,
  requireUser: async () => {
    throw new Error("pages only");
  },
}));
// Next's runtime pieces the action modules may import; none may be reached before the guard.
vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
  unstable_cache: <T>(fn: T) => fn,
}));
vi.mock("next/navigation", () => ({
  redirect: () => {
    throw new Error("redirect");
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

/** Actions anyone may call, and why. Each needs its own test of what it refuses. */
const PUBLIC: Record<string, string> = {
  "lib/domain/users/setup-actions.ts#completeSetupAction":
    "first-run setup runs before any account exists; it refuses inside its transaction once a user exists (users-setup.test.ts)",
};

/** Actions a viewer may call, and why (everything else is a mutation a viewer must not make). */
const VIEWER_ALLOWED: Record<string, string> = {
  "lib/domain/users/actions.ts#changeOwnPasswordAction": "every user changes their own password; the actor is always the target",
  "lib/domain/steps/actions.ts#loadStepDetailAction": "a read: viewers see step content and history in the side panel",
};

const root = path.resolve(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".git", "tests", "reports", "data", ".e2e-data", ".vitest-cache", "drizzle"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** A file-level "use server" directive: the first statement, after comments. */
const isServerFile = (source: string) => /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(source);

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
const serverFiles = ["app", "lib", "components"].flatMap((d) => walk(path.join(root, d))).filter((f) => isServerFile(readFileSync(f, "utf8")));
const actionFiles = walk(path.join(root, "lib/domain")).filter((f) => path.basename(f) === "actions.ts");

useTestDatabase();

let viewer: Actor;
beforeEach(async () => {
  session.actor = null;
  viewer ??= await createActor("viewer");
});

describe("server action guard", () => {
  it("finds the action files (the walk itself works)", () => {
    expect(actionFiles.map(rel)).toContain("lib/domain/users/actions.ts");
    expect(serverFiles.map(rel)).toEqual(expect.arrayContaining(actionFiles.map(rel)));
  });

  it("has no stale entries in its allow-lists", async () => {
    for (const key of [...Object.keys(PUBLIC), ...Object.keys(VIEWER_ALLOWED)]) {
      const [file, name] = key.split("#");
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      expect(typeof mod[name], key).toBe("function");
    }
  });

  for (const file of serverFiles) {
    describe(rel(file), () => {
      it("every export refuses an unauthenticated call and, unless listed, a viewer's", async () => {
        const mod = (await import(file)) as Record<string, unknown>;
        const exports = Object.entries(mod).filter(([, v]) => typeof v === "function") as Array<[string, (input: unknown) => Promise<unknown>]>;
        expect(exports.length, "a \"use server\" file with no exported actions").toBeGreaterThan(0);
        for (const [name, action] of exports) {
          const key = `${rel(file)}#${name}`;
          if (PUBLIC[key]) continue;
          if (!rel(file).startsWith("lib/domain/") || !rel(file).endsWith("/actions.ts")) {
            throw new Error(`${key}: server actions live in lib/domain/<area>/actions.ts and go through defineAction (or are listed in PUBLIC with a reason).`);
          }
          session.actor = null;
          expect(await action({}), `${key} without a session`).toMatchObject({ ok: false, code: "unauthenticated" });
          session.actor = viewer;
          const asViewer = await action({});
          if (VIEWER_ALLOWED[key]) expect(asViewer, `${key} as a viewer`).not.toMatchObject({ code: "forbidden" });
          else expect(asViewer, `${key} as a viewer`).toMatchObject({ ok: false, code: "forbidden" });
        }
      });
    });
  }

  it("the public setup action refuses once a user exists", async () => {
    const { completeSetupAction } = await import("@/lib/domain/users/setup-actions");
    const result = await completeSetupAction({ name: "Mallory", email: "mallory@example.com", password: "a-long-password-1", confirmPassword: "a-long-password-1" });
    expect(result).toMatchObject({ ok: false, code: "invalid_state" });
  });
});
