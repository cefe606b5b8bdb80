import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { auditFilterOptions, listAudit } from "@/lib/domain/audit/queries/audit-log";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

let alice: Actor;
let bob: Actor;

/** 120 entries over six days: alice changes clusters, bob changes customers, every tenth is a session. */
beforeAll(async () => {
  alice = await createActor("admin", "alice-auditor");
  bob = await createActor("release_manager", "bob-auditor");
  const base = Date.parse("2026-03-01T00:00:00Z");
  const rows = Array.from({ length: 120 }, (_, i) => {
    const who = i % 2 === 0 ? alice : bob;
    const session = i % 10 === 9;
    return {
      actorId: who.id,
      actorName: who.name,
      action: session ? "session.sign_in" : who === alice ? "cluster.update" : "customer.create",
      entityType: session ? "session" : who === alice ? "cluster" : "customer",
      entityId: String(i),
      summary: `entry ${i}`,
      createdAt: new Date(base + i * 72 * 60_000), // every 72 minutes: 20 a day
    };
  });
  await getDb().insert(auditLog).values(rows);
});

describe(`audit log (${engine})`, () => {
  it("refuses UPDATE and DELETE on its rows, in the database itself", async () => {
    await getDb().transaction(async (tx) => recordAudit(tx, alice, { action: "cluster.create", entityType: "cluster", entityId: 1, summary: "Created" }));
    const [row] = await getDb().select().from(auditLog).orderBy(sql`id desc`).limit(1);
    await expect(getDb().execute(sql`update audit_log set summary = 'rewritten' where id = ${row.id}`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_log where id = ${row.id}`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_log`)).rejects.toThrow();
    const [again] = await getDb().select().from(auditLog).where(sql`id = ${row.id}`);
    expect(again.summary).toBe("Created");
  });

  it("lists newest first, 50 a page, with next and previous", async () => {
    const first = await listAudit({ entityType: "cluster" });
    // All 60 of alice's entries are cluster changes (sessions fall on odd i), plus the one recorded above.
    expect(first.rows).toHaveLength(50);
    expect(first).toMatchObject({ page: 1, hasPrev: false, hasNext: true });
    const times = first.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const second = await listAudit({ entityType: "cluster", page: 2 });
    expect(second).toMatchObject({ page: 2, hasPrev: true, hasNext: false });
    expect(second.rows).toHaveLength(11);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(61);
  });

  it("filters by actor, entity type, action and an inclusive UTC date range", async () => {
    const bobs = await listAudit({ actorId: bob.id, pageSize: 200 });
    expect(bobs.rows.length).toBe(60);
    expect(bobs.rows.every((r) => r.actorName === bob.name)).toBe(true);

    const sessions = await listAudit({ action: "session.sign_in", pageSize: 200 });
    expect(sessions.rows.map((r) => r.entityId).sort((a, b) => Number(a) - Number(b))).toEqual(["9", "19", "29", "39", "49", "59", "69", "79", "89", "99", "109", "119"]);

    // Day 2 (2026-03-02) holds entries 20..39.
    const day2 = await listAudit({ from: "2026-03-02", to: "2026-03-02", pageSize: 200 });
    expect(day2.rows.map((r) => Number(r.entityId)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 20 + i));

    const combined = await listAudit({ actorId: bob.id, entityType: "customer", from: "2026-03-02", to: "2026-03-03", pageSize: 200 });
    expect(combined.rows.every((r) => r.entityType === "customer" && r.actorId === bob.id)).toBe(true);
    expect(combined.rows).toHaveLength(16); // 20 of bob's over two days, minus 4 sessions

    // Malformed dates are ignored rather than failing the page.
    expect((await listAudit({ from: "yesterday", action: "customer.create", pageSize: 200 })).rows).toHaveLength(48);
  });

  it("lists newest first, and gives the filter choices", async () => {
    const recent = (await listAudit({ pageSize: 5 })).rows;
    expect(recent).toHaveLength(5);
    expect(recent[0].createdAt.getTime()).toBeGreaterThanOrEqual(recent[4].createdAt.getTime());
    const options = await auditFilterOptions();
    expect(options.actions).toEqual(expect.arrayContaining(["cluster.update", "customer.create", "session.sign_in"]));
    expect(options.actors.map((a) => a.name)).toEqual(expect.arrayContaining([alice.name, bob.name]));
  });
});
