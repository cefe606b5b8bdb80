import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { TokenRow, TokenStatus } from "../types";

const creator = alias(users, "creator");

/** Every token, live ones first, newest first within. */
export async function listTokens(): Promise<TokenRow[]> {
  const status = sql<TokenStatus>`case when ${apiTokens.revokedAt} is not null then 'revoked'
    when ${apiTokens.expiresAt} is not null and ${apiTokens.expiresAt} <= now() then 'expired' else 'active' end`;
  const rows = await getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      principalId: users.id,
      principalName: users.name,
      isServiceAccount: users.isServiceAccount,
      isActive: users.isActive,
      createdAt: apiTokens.createdAt,
      createdByName: creator.name,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      status,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdById))
    .orderBy(sql`${status} = 'active' desc`, desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(({ principalId, principalName, isServiceAccount, isActive, ...r }) => ({
    ...r,
    principal: { id: principalId, name: principalName, isServiceAccount, isActive },
  }));
}

/** People a token may act as: active accounts that sign in (not service accounts). */
export async function listTokenPrincipals(): Promise<Array<{ id: number; name: string; email: string; role: TokenRow["role"] }>> {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.isActive, true), eq(users.isServiceAccount, false)))
    .orderBy(asc(sql`lower(${users.name})`));
}
