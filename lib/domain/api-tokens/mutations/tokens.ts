import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { newToken } from "@/lib/auth/api-token";
import { hasRole, roleLabels, type Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState, notFound } from "@/lib/domain/errors";
import type { Role } from "@/db/schema/vocabulary";
import type { CreateTokenInput, RevokeTokenInput } from "../input";
import type { CreatedToken } from "../types";

type Options = { db?: Db };

/**
 * Creates a token for a person or a named service account (created on first use of its name, its
 * role raised to the token's if lower) and answers it this once; only its hash is kept. A person's
 * token cannot hold more than the person's role. Audited, without the token.
 */
export async function createToken(actor: Actor, input: CreateTokenInput, { db = getDb() }: Options = {}): Promise<CreatedToken> {
  return db.transaction(async (tx) => {
    let principal: { id: number; name: string };
    if (input.principal === "user") {
      const [user] = await tx
        .select({ id: users.id, name: users.name, role: users.role, isActive: users.isActive, isServiceAccount: users.isServiceAccount })
        .from(users)
        .where(eq(users.id, input.userId!));
      if (!user || user.isServiceAccount) throw invalidField("userId", "That user was not found.");
      if (!user.isActive) throw invalidField("userId", `${user.name} is disabled; enable the account first.`);
      if (!hasRole(user.role, input.role)) {
        throw invalidField("role", `${user.name} is a ${roleLabels[user.role]}; their token cannot be ${roleLabels[input.role]}.`);
      }
      principal = user;
    } else {
      principal = await serviceAccount(tx, input.serviceAccount, input.role);
    }
    const { token, hash, prefix } = newToken();
    const days = input.expiresInDays ? Number(input.expiresInDays) : null;
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        userId: principal.id,
        role: input.role,
        tokenHash: hash,
        prefix,
        expiresAt: days ? sql`now() + make_interval(days => ${days})` : null,
        createdById: actor.id,
      })
      .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
    await recordAudit(tx, actor, {
      action: "api_token.create",
      entityType: "api_token",
      entityId: row.id,
      summary: `Created API token "${input.name}" (${prefix}…) for ${principal.name} as ${roleLabels[input.role]}${days ? `, expires in ${days} days` : ", no expiry"}`,
      after: { name: input.name, principal: principal.name, role: input.role, expiresAt: row.expiresAt?.toISOString() ?? null, prefix },
    });
    return { id: row.id, name: input.name, token, principalName: principal.name, role: input.role, expiresAt: row.expiresAt?.toISOString() ?? null };
  });
}

/** The service account of that name (any case), created if new; its role is at least `role`. */
async function serviceAccount(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], name: string, role: Role): Promise<{ id: number; name: string }> {
  const [existing] = await tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.isServiceAccount, true), eq(sql`lower(${users.name})`, name.toLowerCase())));
  if (existing) {
    if (!hasRole(existing.role, role)) await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, existing.id));
    return existing;
  }
  // Never a real address: nobody can sign in as it (no password, and sign-in refuses service accounts).
  const email = `service-${randomBytes(6).toString("hex")}@service.invalid`;
  const [created] = await tx.insert(users).values({ email, name, role, passwordHash: null, isServiceAccount: true }).returning({ id: users.id, name: users.name });
  return created;
}

/** Revokes a token: the next request with it is refused. Audited; a second revoke is refused in words. */
export async function revokeToken(actor: Actor, input: RevokeTokenInput, { db = getDb() }: Options = {}): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()`, revokedById: actor.id })
      .where(and(eq(apiTokens.id, input.tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
    if (!row) {
      const [exists] = await tx.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, input.tokenId));
      throw exists ? invalidState("That token is already revoked.") : notFound("That token");
    }
    await recordAudit(tx, actor, {
      action: "api_token.revoke",
      entityType: "api_token",
      entityId: row.id,
      summary: `Revoked API token "${row.name}" (${row.prefix}…)`,
    });
    return { id: row.id };
  });
}
