import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

/** Who can open a stage early (break glass): the active admins, by name, for "ask Alex". */
export async function breakGlassBy(): Promise<string[]> {
  const rows = await getDb().select({ name: users.name }).from(users).where(and(eq(users.role, "admin"), eq(users.isActive, true))).orderBy(asc(users.name)).limit(5);
  return rows.map((r) => r.name);
}
