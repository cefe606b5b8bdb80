import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { createFirstAdmin, UsersExistError } from "@/lib/auth/bootstrap";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { roleLabels, type Actor } from "@/lib/auth/roles";
import { revokeSessionByKey, revokeUserSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { conflict, DomainError, invalidField, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import type { ChangePasswordInput, CreateUserInput, ResetPasswordInput, SetupInput } from "@/lib/domain/users/input";
import type { Role } from "@/db/schema/vocabulary";

/** Serialises changes that could leave no active admin (two admins demoting each other at once). */
const ADMIN_SET_LOCK = 7_301_002;

async function lockedTarget(tx: Tx, userId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_SET_LOCK})`);
  const [target] = await tx.select().from(users).where(eq(users.id, userId));
  if (!target) throw notFound("That user");
  return target;
}

async function otherActiveAdmins(tx: Tx, userId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.isActive, true), ne(users.id, userId)));
  return row?.n ?? 0;
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<{ id: number }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, role: input.role, passwordHash })
        .returning({ id: users.id });
      await recordAudit(tx, actor, {
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        summary: `Created ${input.email} as ${roleLabels[input.role]}`,
        after: { name: input.name, email: input.email, role: input.role },
      });
      return user;
    });
  } catch (error) {
    rethrowConstraint(error, {
      users_email_unique: new DomainError("conflict", `An account with ${input.email} already exists.`, {
        fieldErrors: { email: [`An account with ${input.email} already exists.`] },
      }),
    });
  }
}

export async function changeRole(actor: Actor, input: { userId: number; role: Role }): Promise<{ id: number; role: Role }> {
  if (input.userId === actor.id) throw invalidState("You can't change your own role. Ask another admin.");
  return getDb().transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId);
    if (target.role === input.role) return { id: target.id, role: target.role };
    if (target.role === "admin" && target.isActive && (await otherActiveAdmins(tx, target.id)) === 0) {
      throw invalidState(`${target.name} is the last active admin; make someone else an admin first.`);
    }
    await tx.update(users).set({ role: input.role, updatedAt: new Date() }).where(eq(users.id, target.id));
    await recordAudit(tx, actor, {
      action: "user.change_role",
      entityType: "user",
      entityId: target.id,
      summary: `${target.email}: ${roleLabels[target.role]} → ${roleLabels[input.role]}`,
      before: { role: target.role },
      after: { role: input.role },
    });
    return { id: target.id, role: input.role };
  });
}

/** Disables or re-enables an account (never deleted). Disabling ends its sessions at once. */
export async function setUserActive(actor: Actor, input: { userId: number; active: boolean }): Promise<{ id: number; isActive: boolean }> {
  if (input.userId === actor.id && !input.active) throw invalidState("You can't disable your own account.");
  return getDb().transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId);
    if (target.isActive === input.active) return { id: target.id, isActive: target.isActive };
    if (!input.active && target.role === "admin" && (await otherActiveAdmins(tx, target.id)) === 0) {
      throw invalidState(`${target.name} is the last active admin and can't be disabled.`);
    }
    await tx.update(users).set({ isActive: input.active, updatedAt: new Date() }).where(eq(users.id, target.id));
    if (!input.active) {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)));
    }
    await recordAudit(tx, actor, {
      action: input.active ? "user.enable" : "user.disable",
      entityType: "user",
      entityId: target.id,
      summary: `${input.active ? "Enabled" : "Disabled"} ${target.email}`,
      before: { isActive: target.isActive },
      after: { isActive: input.active },
    });
    return { id: target.id, isActive: input.active };
  });
}

const sessionsEnded = (n: number) => (n === 0 ? "" : `; ${n} other ${n === 1 ? "session" : "sessions"} signed out`);

/**
 * A user changes their own password; the current one is required. Every other session of theirs
 * ends at once (a stolen session must not outlive the password it was opened with); the one
 * making the change stays signed in.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput): Promise<{ id: number; sessionsEnded: number }> {
  const [me] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!me) throw notFound("Your account");
  if (!me.passwordHash) throw invalidState("Your account signs in with single sign-on; it has no password here.");
  if (!(await verifyPassword(input.currentPassword, me.passwordHash))) {
    throw invalidField("currentPassword", "That is not your current password.");
  }
  if (input.newPassword === input.currentPassword) throw invalidField("newPassword", "Choose a password different from the current one.");
  const passwordHash = await hashPassword(input.newPassword);
  return getDb().transaction(async (tx) => {
    // Compare-and-set on the old hash: two changes racing cannot both win silently.
    const [row] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, actor.id), eq(users.passwordHash, me.passwordHash!)))
      .returning({ id: users.id });
    if (!row) throw conflict("Your password was changed a moment ago, elsewhere. Reload and try again.");
    const ended = await revokeUserSessions(tx, actor.id, { keep: actor.sessionId });
    await recordAudit(tx, actor, {
      action: "user.change_password",
      entityType: "user",
      entityId: actor.id,
      summary: `Changed their own password${sessionsEnded(ended)}`,
    });
    return { id: row.id, sessionsEnded: ended };
  });
}

/** An admin sets a new password for someone else; all of that user's sessions end. */
export async function resetUserPassword(actor: Actor, input: ResetPasswordInput): Promise<{ id: number; sessionsEnded: number }> {
  if (input.userId === actor.id) throw invalidState("Change your own password on the Account page.");
  const passwordHash = await hashPassword(input.newPassword);
  return getDb().transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId);
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, target.id));
    const ended = await revokeUserSessions(tx, target.id);
    await recordAudit(tx, actor, {
      action: "user.reset_password",
      entityType: "user",
      entityId: target.id,
      summary: `Set a new password for ${target.email}${sessionsEnded(ended).replace(" other", "")}`,
    });
    return { id: target.id, sessionsEnded: ended };
  });
}

/** "Sign out everywhere": ends every session of yours but the one you are using. */
export async function signOutOtherSessions(actor: Actor): Promise<{ sessionsEnded: number }> {
  return getDb().transaction(async (tx) => {
    const ended = await revokeUserSessions(tx, actor.id, { keep: actor.sessionId });
    if (ended > 0) {
      await recordAudit(tx, actor, {
        action: "session.sign_out_others",
        entityType: "session",
        entityId: actor.id,
        summary: `Signed out ${ended} other ${ended === 1 ? "session" : "sessions"}`,
      });
    }
    return { sessionsEnded: ended };
  });
}

/** Ends one of your own sessions (from the Account page's list). */
export async function signOutSession(actor: Actor, input: { key: string }): Promise<{ key: string }> {
  if (!(await revokeSessionByKey(actor.id, input.key))) throw notFound("That session");
  return { key: input.key };
}

/** First run: the one public mutation. Refused (race-safe, inside the transaction) once any user exists. */
export async function completeSetup(input: SetupInput): Promise<{ id: number; email: string }> {
  try {
    const user = await createFirstAdmin(getDb(), { name: input.name, email: input.email, password: input.password, via: "setup" });
    return { id: user.id, email: user.email };
  } catch (error) {
    if (error instanceof UsersExistError) throw invalidState(error.message);
    throw error;
  }
}
