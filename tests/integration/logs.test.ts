import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/roles";
import { createActor, engine, withTestDatabase } from "../support/db";

/**
 * Logs never hold request values: a failing action logs its name, the database's error code and
 * a reference, never the statement's parameters (Drizzle's "Failed query … params: …") nor a
 * driver message that quotes the value. Proven by making a real insert fail with the value in
 * both, and reading everything the process wrote to its console.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

withTestDatabase();

const SECRET = "s3cr3t-VALUE-in-the-request";
const lines: string[] = [];
let restore: () => void;

beforeAll(async () => {
  session.actor = await createActor("admin");
  // The database refuses the row and quotes the value back, as drivers do for many errors.
  await getDb().execute(sql.raw(`
    create or replace function refuse_cluster_for_log_test() returns trigger language plpgsql as $$
    begin raise exception 'cannot store cluster %', new.description using errcode = 'P0001'; end $$`));
  await getDb().execute(
    sql.raw(`create trigger refuse_cluster_for_log_test before insert on clusters for each row execute function refuse_cluster_for_log_test()`),
  );
  const spies = (["log", "error", "warn", "info"] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
  );
  vi.stubEnv("LOG_LEVEL", "info");
  restore = () => {
    spies.forEach((s) => s.mockRestore());
    vi.unstubAllEnvs();
  };
});
afterAll(() => restore?.());

describe(`a failing action's log (${engine})`, () => {
  it("names the action, the error code and a reference, and holds none of the submitted values", async () => {
    const { createCluster } = await import("@/lib/domain/clusters/actions");
    const result = await createCluster({ name: "log-test-cluster", description: SECRET, isActive: "on" });
    expect(result).toMatchObject({ ok: false, code: "internal", message: expect.stringMatching(/ref [a-z0-9]+/) });
    const ref = /ref ([a-z0-9]+)/.exec((result as { message: string }).message)![1];

    const log = lines.join("\n");
    expect(log).toContain("cluster.create");
    expect(log).toContain(ref);
    expect(log).toContain("P0001");
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain("log-test-cluster");
    expect(log).not.toMatch(/params:|failed query/i);
  });
});
