import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clusters } from "@/db/schema";
import { pgErrorOf } from "@/lib/domain/errors";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

describe(`database (${engine})`, () => {
  it("has the migrated schema", async () => {
    const rows = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(clusters);
    expect(rows[0].n).toBe(0);
  });

  it("refuses to change or delete audit rows", async () => {
    const actor = await createActor("admin");
    const [row] = await getDb()
      .insert(auditLog)
      .values({ actorId: actor.id, actorName: actor.name, action: "test", entityType: "cluster", entityId: "1" })
      .returning();
    // Refused by the append-only trigger (insufficient_privilege), not by some other failure.
    const code = (run: () => Promise<unknown>) => run().then(() => "succeeded", (e: unknown) => pgErrorOf(e)?.code ?? String(e));
    expect(await code(() => getDb().execute(sql`update audit_log set summary = 'x' where id = ${row.id}`))).toBe("42501");
    expect(await code(() => getDb().execute(sql`delete from audit_log where id = ${row.id}`))).toBe("42501");
  });
});
