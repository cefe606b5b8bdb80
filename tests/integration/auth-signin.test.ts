import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, sessions, signInAttempts, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { actorForSession, listOpenSessions, openSession, revokeSession } from "@/lib/auth/sessions";
import { changeOwnPassword, resetUserPassword, signOutOtherSessions, signOutSession } from "@/lib/domain/users/mutations/users";
import { SIGN_IN_THROTTLED, signInErrorText } from "@/lib/auth/sign-in-errors";
import { accountDelayFor, ACCOUNT_MAX_DELAY_MS, ADDRESS_MAX_FAILURES, clientAddress, SignInThrottledError } from "@/lib/auth/throttle";
import { engine, withTestDatabase } from "../support/db";

withTestDatabase();

let seq = 0;
async function makeUser(values: Partial<typeof users.$inferInsert> & { password?: string } = {}) {
  seq++;
  const { password = "correct-horse-battery", ...rest } = values;
  const [row] = await getDb()
    .insert(users)
    .values({ email: `user${seq}-${Math.random().toString(36).slice(2, 6)}@test.local`, name: `User ${seq}`, passwordHash: await hashPassword(password), ...rest })
    .returning();
  return { ...row, password };
}
const addr = () => `198.51.100.${Math.floor(Math.random() * 250)}-${++seq}`;
const signIn = (email: string, password: string, address: string, now?: Date) =>
  authenticateWithPassword(getDb(), { email, password, address, now });

describe(`passwords (${engine})`, () => {
  it("hashes with bcrypt and verifies only the right password", async () => {
    const hash = await hashPassword("a-long-secret-1");
    expect(hash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(hash).not.toContain("a-long-secret-1");
    expect(await verifyPassword("a-long-secret-1", hash)).toBe(true);
    expect(await verifyPassword("a-long-secret-2", hash)).toBe(false);
  });
});

describe(`signing in with a password (${engine})`, () => {
  it("accepts the right password (email in any case) and records the attempt", async () => {
    const u = await makeUser();
    const address = addr();
    expect(await signIn(u.email.toUpperCase(), u.password, address)).toMatchObject({ id: u.id, name: u.name });
    const rows = await getDb().select().from(signInAttempts).where(eq(signInAttempts.address, address));
    expect(rows.map((r) => [r.email, r.succeeded])).toEqual([[u.email, true]]);
  });

  it("refuses a wrong password, an unknown email, an SSO-only account and a disabled account", async () => {
    const u = await makeUser();
    const sso = await makeUser({ passwordHash: null });
    const off = await makeUser({ isActive: false });
    expect(await signIn(u.email, "wrong-password", addr())).toBeNull();
    expect(await signIn("nobody@test.local", u.password, addr())).toBeNull();
    expect(await signIn(sso.email, "anything-at-all", addr())).toBeNull();
    expect(await signIn(off.email, off.password, addr())).toBeNull();
  });
});

describe(`throttling (${engine})`, () => {
  const waits: number[] = [];
  const signInCounted = (email: string, password: string, address: string, now?: Date) =>
    authenticateWithPassword(getDb(), { email, password, address, now, wait: async (ms) => void waits.push(ms) });

  it("never locks the owner out: many failures for an account only slow down unknown addresses", async () => {
    const u = await makeUser();
    const now = new Date();
    waits.length = 0;
    // A guesser spread over many addresses fails 8 times on the admin's account.
    for (let i = 0; i < 8; i++) expect(await signInCounted(u.email, `wrong-${i}`, addr(), now)).toBeNull();
    expect(waits).toEqual([500, 1000, 2000]); // the 6th, 7th and 8th attempt each waited first
    // The owner, from a new address, still gets in with the right password (after a wait).
    waits.length = 0;
    expect(await signInCounted(u.email, u.password, addr(), now)).toMatchObject({ id: u.id });
    expect(waits).toEqual([4000]);
  });

  it("does not slow the owner down from an address they signed in from before", async () => {
    const u = await makeUser();
    const home = addr();
    const now = new Date();
    expect(await signInCounted(u.email, u.password, home, now)).toMatchObject({ id: u.id });
    for (let i = 0; i < 9; i++) await signInCounted(u.email, `wrong-${i}`, addr(), now);
    waits.length = 0;
    expect(await signInCounted(u.email, u.password, home, now)).toMatchObject({ id: u.id });
    expect(waits).toEqual([]);
  });

  it("caps the slowdown and lets it fade after the window", async () => {
    expect(accountDelayFor(4)).toBe(0);
    expect(accountDelayFor(5)).toBe(500);
    expect(accountDelayFor(30)).toBe(ACCOUNT_MAX_DELAY_MS);
    const u = await makeUser();
    const start = new Date(Date.now() - 60 * 60_000);
    for (let i = 0; i < 7; i++) await signInCounted(u.email, "wrong", addr(), start);
    waits.length = 0;
    expect(await signInCounted(u.email, u.password, addr(), new Date(start.getTime() + 16 * 60_000))).toMatchObject({ id: u.id });
    expect(waits).toEqual([]);
  });

  it(`refuses an address after ${ADDRESS_MAX_FAILURES} failures within a minute, whatever the account, with a code the form words`, async () => {
    const address = addr();
    const victim = await makeUser();
    const now = new Date();
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) expect(await signIn(`guess-${i}-${seq}@test.local`, "password-guess", address, now)).toBeNull();
    await expect(signIn(victim.email, victim.password, address, now)).rejects.toThrow(SignInThrottledError);
    await expect(signIn(victim.email, victim.password, address, now)).rejects.toThrow(SIGN_IN_THROTTLED);
    expect(signInErrorText(SIGN_IN_THROTTLED)).toMatch(/too many failed sign-ins from your network/i);
    // The account itself is not locked for everyone else.
    expect(await signIn(victim.email, victim.password, addr(), now)).toMatchObject({ id: victim.id });
    // And the address may try again once the minute has passed.
    expect(await signIn(victim.email, victim.password, address, new Date(now.getTime() + 61_000))).toMatchObject({ id: victim.id });
  });

  it("reads the client address from the nearest proxy hop", () => {
    expect(clientAddress({ "x-forwarded-for": "10.0.0.1, 203.0.113.9" })).toBe("203.0.113.9");
    expect(clientAddress({ "x-real-ip": "203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({})).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});

describe(`sessions (${engine})`, () => {
  it("a session works until sign-out, and both events are audited", async () => {
    const u = await makeUser();
    const sid = await openSession(u.id);
    expect(await actorForSession(sid)).toMatchObject({ id: u.id, role: u.role });
    const [after] = await getDb().select({ at: users.lastSignInAt }).from(users).where(eq(users.id, u.id));
    expect(after.at).toBeInstanceOf(Date);
    await revokeSession(sid);
    await revokeSession(sid); // a repeated sign-out is not audited twice
    expect(await actorForSession(sid)).toBeNull();
    const audit = await getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId, entityType: auditLog.entityType })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, u.id), eq(auditLog.entityType, "session")))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["session.sign_in", "session.sign_out"]);
  });

  it("a disabled user's open session stops working on the next request", async () => {
    const u = await makeUser();
    const sid = await openSession(u.id);
    expect(await actorForSession(sid)).not.toBeNull();
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, u.id));
    expect(await actorForSession(sid)).toBeNull();
    await getDb().update(users).set({ isActive: true }).where(eq(users.id, u.id));
    expect(await actorForSession(sid)).not.toBeNull();
  });

  it("a role change applies to an open session at once", async () => {
    const u = await makeUser({ role: "viewer" });
    const sid = await openSession(u.id);
    await getDb().update(users).set({ role: "admin" }).where(eq(users.id, u.id));
    expect(await actorForSession(sid)).toMatchObject({ role: "admin" });
  });

  it("an unknown or expired session id is nobody", async () => {
    expect(await actorForSession("no-such-session")).toBeNull();
  });
});

describe(`sessions end with the password that opened them (${engine})`, () => {
  it("changing your own password signs out your other sessions, not this one", async () => {
    const u = await makeUser({ password: "old-password-123" });
    const here = await openSession(u.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" });
    const phone = await openSession(u.id, { userAgent: "Mozilla/5.0 (iPhone) Safari/605.1" });
    const actor = { ...(await actorForSession(here))!, sessionId: here };
    const result = await changeOwnPassword(actor, { currentPassword: "old-password-123", newPassword: "new-password-456", confirmPassword: "new-password-456" });
    expect(result).toEqual({ id: u.id, sessionsEnded: 1 });
    expect(await actorForSession(here)).not.toBeNull();
    expect(await actorForSession(phone)).toBeNull();
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "user.change_password"), eq(auditLog.actorId, u.id)));
    expect(audit.summary).toBe("Changed their own password; 1 other session signed out");
  });

  it("an admin setting someone's password signs out all of their sessions", async () => {
    const admin = await makeUser({ role: "admin" });
    const u = await makeUser();
    const a = await openSession(u.id);
    const b = await openSession(u.id);
    const adminActor = (await actorForSession(await openSession(admin.id)))!;
    expect(await resetUserPassword(adminActor, { userId: u.id, newPassword: "fresh-password-789", confirmPassword: "fresh-password-789" })).toEqual({
      id: u.id,
      sessionsEnded: 2,
    });
    expect(await actorForSession(a)).toBeNull();
    expect(await actorForSession(b)).toBeNull();
    expect(await signIn(u.email, "fresh-password-789", addr())).toMatchObject({ id: u.id });
    await expect(resetUserPassword(adminActor, { userId: admin.id, newPassword: "x".repeat(12), confirmPassword: "x".repeat(12) })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("lists open sessions with their device and ends the others on request", async () => {
    const u = await makeUser();
    const here = await openSession(u.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" });
    const other = await openSession(u.id, { userAgent: "Mozilla/5.0 (iPhone) Safari/605.1" });
    const gone = await openSession(u.id);
    await revokeSession(gone);
    const list = await listOpenSessions(u.id, here);
    expect(list.map((s) => [s.userAgent.includes("iPhone") ? "phone" : "desktop", s.current])).toEqual(
      expect.arrayContaining([["desktop", true], ["phone", false]]),
    );
    expect(list).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain(here); // keys name sessions without revealing their ids

    const actor = { ...(await actorForSession(here))!, sessionId: here };
    expect(await signOutOtherSessions(actor)).toEqual({ sessionsEnded: 1 });
    expect(await actorForSession(other)).toBeNull();
    expect(await actorForSession(here)).not.toBeNull();
  });

  it("one session is ended by its key, and only the owner's key works", async () => {
    const u = await makeUser();
    const stranger = await makeUser();
    const here = await openSession(u.id);
    const other = await openSession(u.id);
    const key = (await listOpenSessions(u.id, here)).find((s) => !s.current)!.key;
    const strangerActor = (await actorForSession(await openSession(stranger.id)))!;
    await expect(signOutSession(strangerActor, { key })).rejects.toMatchObject({ code: "not_found" });
    expect(await actorForSession(other)).not.toBeNull();
    await signOutSession((await actorForSession(here))!, { key });
    expect(await actorForSession(other)).toBeNull();
  });

  it("refreshes last seen at most every few minutes, in the session check itself", async () => {
    const u = await makeUser();
    const sid = await openSession(u.id);
    const old = new Date(Date.now() - 60 * 60_000);
    await getDb().update(sessions).set({ lastSeenAt: old }).where(eq(sessions.id, sid));
    await actorForSession(sid);
    const [after] = await getDb().select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, sid));
    expect(after.at.getTime()).toBeGreaterThan(old.getTime() + 50 * 60_000);
    await actorForSession(sid);
    const [again] = await getDb().select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, sid));
    expect(again.at.getTime()).toBe(after.at.getTime());
  });
});
