import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { createActor, withTestDatabase } from "../support/db";
import { findServerActions, findServerActionsIn, root, sourceFiles, type ServerActionSite } from "../support/server-actions";

/**
 * Every server action is a public POST endpoint. This finds them all the way Next does — the
 * "use server" directive, file-level or inline, in every source file git knows (tests/support/
 * server-actions.ts) — and proves each refuses a caller without a session and, for mutations, a
 * viewer. A new action that skips defineAction, declares too low a role or sits outside
 * lib/domain/<area>/actions.ts fails here.
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
  "lib/domain/users/actions.ts#signOutOtherSessionsAction": "every user ends their own other sessions; the actor is always the owner",
  "lib/domain/users/actions.ts#signOutSessionAction": "every user ends one of their own sessions; keys of other users' sessions are not found",
  "lib/domain/steps/actions.ts#loadStepDetailAction": "a read: viewers see step content and history in the side panel",
  "lib/domain/search/actions.ts#searchAction": "a read: the command palette finds what any signed-in user may already see in the lists",
  "lib/domain/releases/file-actions.ts#exportReleaseAction": "a read: the release as a YAML file, what any signed-in user may already see on its pages",
  "lib/domain/fleet/actions.ts#exportFleetAction": "a read: clusters and customers as a fleet file, what any signed-in user may already see on the clusters and customers pages",
  "lib/domain/stages/actions.ts#signOffAction": "membership of the approver group is the permission, whatever the role; the domain refuses non-members (stages.test.ts)",
  "lib/domain/stages/actions.ts#withdrawSignOffAction": "only the signer withdraws their own sign-off; the domain refuses anyone else (stages.test.ts)",
};

/** The probe below writes a real unguarded action into app/ for a moment; the repo-wide checks
 *  (which may run at the same time in the other engine's project) leave exactly that one out. */
const PROBE = "guard-probe-";
const notProbe = (s: ServerActionSite) => !s.file.includes(`${path.sep}${PROBE}`);

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
const WHERE_ACTIONS_LIVE = /^lib\/domain\/[a-z-]+\/(actions|[a-z-]+-actions)\.ts$/;

/** What is wrong with the server actions found, in words (empty: nothing). */
function misplaced(sites: ServerActionSite[]): string[] {
  return sites.flatMap((s) => {
    const file = rel(s.file);
    if (s.kind === "inline") return [`${file}:${s.line} ${s.name}: an inline "use server" function; actions live in lib/domain/<area>/actions.ts and go through defineAction.`];
    if (!WHERE_ACTIONS_LIVE.test(file)) return [`${file}: a "use server" file outside lib/domain/<area>/actions.ts.`];
    return [];
  });
}

/** Calls every export of a "use server" module as nobody and as a viewer; returns the failures. */
async function unguarded(file: string, viewer: Actor): Promise<string[]> {
  const mod = (await import(file)) as Record<string, unknown>;
  const exports = Object.entries(mod).filter(([, v]) => typeof v === "function") as Array<[string, (input: unknown) => Promise<unknown>]>;
  if (exports.length === 0) return [`${rel(file)}: a "use server" file with no exported actions`];
  const failures: string[] = [];
  for (const [name, action] of exports) {
    const key = `${rel(file)}#${name}`;
    if (PUBLIC[key]) continue;
    session.actor = null;
    const anonymous = (await action({}).catch((e: unknown) => ({ threw: String(e) }))) as { code?: string };
    if (anonymous?.code !== "unauthenticated") failures.push(`${key} answered a caller without a session: ${JSON.stringify(anonymous).slice(0, 120)}`);
    session.actor = viewer;
    const asViewer = (await action({}).catch((e: unknown) => ({ threw: String(e) }))) as { code?: string };
    if (!VIEWER_ALLOWED[key] && asViewer?.code !== "forbidden") failures.push(`${key} let a viewer through: ${JSON.stringify(asViewer).slice(0, 120)}`);
    if (VIEWER_ALLOWED[key] && asViewer?.code === "forbidden") failures.push(`${key} is listed as viewer-allowed but refuses viewers`);
  }
  return failures;
}

withTestDatabase();

let viewer: Actor;
beforeEach(async () => {
  session.actor = null;
  viewer ??= await createActor("viewer");
});

describe("finding server actions", () => {
  it("sees file-level and inline directives, in any folder, after comments", () => {
    const fileLevel = findServerActionsIn("x/tests/deep/actions.ts", `// a comment\n/* block */\n"use strict";\n"use server";\nexport async function a() {}`);
    expect(fileLevel).toMatchObject([{ kind: "file" }]);
    const inline = findServerActionsIn(
      "app/(app)/reports/page.tsx",
      `export default function Page() {\n  async function save(form: FormData) {\n    "use server";\n    return form;\n  }\n  const other = async () => { 'use server'; };\n  return <form action={save} />;\n}`,
    );
    expect(inline.map((s) => [s.kind, s.name])).toEqual([["inline", "save"], ["inline", "other"]]);
    expect(findServerActionsIn("a.ts", `const s = "use server";\nexport function f() { return "use server"; }`)).toEqual([]);
  });

  it("finds this repository's action files, and none anywhere else", () => {
    const sites = findServerActions().filter(notProbe);
    expect(sites.map((s) => rel(s.file))).toEqual(expect.arrayContaining(["lib/domain/users/actions.ts", "lib/domain/steps/actions.ts"]));
    expect(misplaced(sites)).toEqual([]);
  });

  it("has no stale entries in its allow-lists", async () => {
    for (const key of [...Object.keys(PUBLIC), ...Object.keys(VIEWER_ALLOWED)]) {
      const [file, name] = key.split("#");
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      expect(typeof mod[name], key).toBe("function");
    }
  });
});

describe("a deliberately unguarded action is caught", () => {
  const dir = path.join(root, `app/(app)/${PROBE}${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("in app/(app)/…/actions.ts, whatever the folder is called", async () => {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "actions.ts");
    writeFileSync(file, `"use server";\nexport async function exportReportAction() {\n  return { ok: true, data: "every customer" };\n}\n`);
    const found = findServerActions(sourceFiles()).filter((s) => s.file === file);
    expect(found).toHaveLength(1);
    expect(misplaced(found)).toEqual([expect.stringContaining("outside lib/domain/<area>/actions.ts")]);
    expect(await unguarded(file, viewer)).toEqual([
      expect.stringContaining("answered a caller without a session"),
      expect.stringContaining("let a viewer through"),
    ]);
  });
});

describe("every server action refuses nobody and, unless listed, a viewer", () => {
  const files = [...new Set(findServerActions().filter((s) => s.kind === "file" && notProbe(s)).map((s) => s.file))];
  for (const file of files) {
    it(rel(file), async () => {
      expect(await unguarded(file, viewer)).toEqual([]);
    });
  }

  it("the public setup action refuses once a user exists", async () => {
    const { completeSetupAction } = await import("@/lib/domain/users/setup-actions");
    const result = await completeSetupAction({ name: "Mallory", email: "mallory@example.com", password: "a-long-password-1", confirmPassword: "a-long-password-1" });
    expect(result).toMatchObject({ ok: false, code: "invalid_state" });
  });
});
