import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { column, rawRows } from "@/db/raw";
import { auditLog, users } from "@/db/schema";
import { ensureAdminFromEnv, FIRST_ADMIN_LOCK, hasAnyUser } from "@/lib/auth/bootstrap";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { completeSetup } from "@/lib/domain/users/mutations/users";
import { engine, withTestDatabase } from "../support/db";

const count = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(users))[0].n;
const wipeUsers = () => getDb().execute(sql`delete from users`);

describe(`first-run setup (${engine})`, () => {
  withTestDatabase();

  it("creates exactly one admin when two first-run requests race, and refuses the rest", async () => {
    await wipeUsers();
    expect(await hasAnyUser(getDb())).toBe(false);
    const attempt = (n: number) =>
      completeSetup({ name: `Admin ${n}`, email: `first${n}@test.local`, password: "first-admin-pass", confirmPassword: "first-admin-pass" });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => attempt(i)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "invalid_state" });
    expect(await count()).toBe(1);
    const [admin] = await getDb().select().from(users);
    expect(admin.role).toBe("admin");
    expect(await authenticateWithPassword(getDb(), { email: admin.email, password: "first-admin-pass", address: "s" })).toMatchObject({ id: admin.id });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, String(admin.id)));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["user.create", admin.id]]);
  });

  it("is refused once any user exists", async () => {
    expect(await hasAnyUser(getDb())).toBe(true);
    await expect(
      completeSetup({ name: "Late", email: "late@test.local", password: "first-admin-pass", confirmPassword: "first-admin-pass" }),
    ).rejects.toMatchObject({ code: "invalid_state" });
    expect(await count()).toBe(1);
  });
});

/**
 * Two first-run requests at once. Only real Postgres can run them concurrently (PGlite serialises
 * every query, so the race cannot happen there — and this test could not fail there either).
 * No fixed sleep: the test waits until the database itself reports the second setup blocked on
 * the first-admin lock, then lets the first commit.
 */
describe.skipIf(engine !== "postgres")(`first-run setup against one in progress (Postgres)`, () => {
  withTestDatabase();

  it("a setup that starts while another is inside its transaction waits for it, then refuses", async () => {
    await wipeUsers();
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const lockTaken = new Promise<void>((r) => (locked = r));
    // Another first-run request, caught between its check and its commit.
    const other = getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
      await tx.insert(users).values({ name: "Other", email: "other-first@test.local", role: "admin" });
      locked();
      await held;
    });
    await lockTaken;
    const mine = completeSetup({ name: "Mine", email: "mine-first@test.local", password: "first-admin-pass", confirmPassword: "first-admin-pass" }).then(
      () => "created",
      (error: unknown) => error,
    );
    // Without the lock `mine` would not wait: it would commit a second admin and this would time out.
    await expect
      .poll(async () => (await rawRows(getDb(), { n: column.int("n") }, sql`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`))[0].n, {
        timeout: 15_000,
      })
      .toBe(1);
    release();
    await other;
    expect(await mine).toMatchObject({ code: "invalid_state" });
    expect(await count()).toBe(1);
  });
});

describe(`ADMIN_EMAIL / ADMIN_PASSWORD bootstrap (${engine})`, () => {
  withTestDatabase();
  const env = { ADMIN_EMAIL: "Ops@Example.com", ADMIN_PASSWORD: "env-admin-password", ADMIN_NAME: "Ops" };

  it("checks the variables before touching the database", async () => {
    await expect(ensureAdminFromEnv(getDb(), { ADMIN_EMAIL: "ops@example.com" })).rejects.toThrow(/both/);
    await expect(ensureAdminFromEnv(getDb(), { ...env, ADMIN_PASSWORD: "short" })).rejects.toThrow(/at least 12/);
    await expect(ensureAdminFromEnv(getDb(), { ...env, ADMIN_EMAIL: "not-an-email" })).rejects.toThrow(/not an email/);
    expect(await ensureAdminFromEnv(getDb(), {})).toBe("skipped");
  });

  it("creates the admin only while no user exists", async () => {
    await wipeUsers();
    expect(await ensureAdminFromEnv(getDb(), env)).toBe("created");
    expect(await ensureAdminFromEnv(getDb(), env)).toBe("skipped");
    expect(await ensureAdminFromEnv(getDb(), { ...env, ADMIN_EMAIL: "other@example.com" })).toBe("skipped");
    const rows = await getDb().select().from(users);
    expect(rows.map((u) => [u.email, u.name, u.role])).toEqual([["ops@example.com", "Ops", "admin"]]);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.entityId, String(rows[0].id)));
    expect(entry).toMatchObject({ actorId: null, actorName: "system", action: "user.create" });
  });
});
