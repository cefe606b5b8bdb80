import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Account, UserRow } from "@/lib/domain/users/types";

const columns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  isActive: users.isActive,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

/** Every account, active first, then by name. */
export async function listUsers(): Promise<UserRow[]> {
  // Service accounts act only through API tokens; they are listed with their tokens (/api-tokens).
  return getDb().select(columns).from(users).where(eq(users.isServiceAccount, false)).orderBy(desc(users.isActive), asc(sql`lower(${users.name})`), asc(users.id));
}

export async function getAccount(userId: number): Promise<Account | null> {
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, hasPassword: columns.hasPassword, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
