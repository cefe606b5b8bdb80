import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { actorForSession, openSession } from "@/lib/auth/sessions";
import { changeOwnPassword, changeRole, createUser, setUserActive } from "@/lib/domain/users/mutations/users";
import { listUsers } from "@/lib/domain/users/queries/users";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

const unique = (p: string) => `${p}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@test.local`;
const auditFor = (id: number) => getDb().select().from(auditLog).where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, String(id))));

describe(`users admin (${engine})`, () => {
  it("creates a user who can sign in with the initial password, audited, without the password in the log", async () => {
    const admin = await createActor("admin");
    const email = unique("new");
    const { id } = await createUser(admin, { name: "New Person", email, role: "release_manager", password: "initial-password-1" });
    expect((await listUsers()).find((u) => u.id === id)).toMatchObject({ email, role: "release_manager", isActive: true, hasPassword: true });
    expect(await authenticateWithPassword(getDb(), { email, password: "initial-password-1", address: "t" })).toMatchObject({ id });
    const [entry] = await auditFor(id);
    expect(entry).toMatchObject({ action: "user.create", actorId: admin.id, actorName: admin.name });
    expect(JSON.stringify(entry)).not.toContain("initial-password-1");
  });

  it("refuses a second account with the same email in another case, as a conflict on the field", async () => {
    const admin = await createActor("admin");
    const email = unique("dup");
    await createUser(admin, { name: "A", email, role: "viewer", password: "initial-password-1" });
    await expect(createUser(admin, { name: "B", email: email.toUpperCase(), role: "viewer", password: "initial-password-1" })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: [expect.stringContaining("already exists")] },
    });
  });

  it("changes another user's role, audited with before and after", async () => {
    const admin = await createActor("admin");
    const target = await createActor("viewer");
    expect(await changeRole(admin, { userId: target.id, role: "release_manager" })).toEqual({ id: target.id, role: "release_manager" });
    const [entry] = await auditFor(target.id);
    expect(entry).toMatchObject({ action: "user.change_role", before: { role: "viewer" }, after: { role: "release_manager" } });
  });

  it("refuses to let admins change their own role or disable themselves", async () => {
    const admin = await createActor("admin");
    await expect(changeRole(admin, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "invalid_state" });
    await expect(setUserActive(admin, { userId: admin.id, active: false })).rejects.toMatchObject({ code: "invalid_state" });
    const [row] = await getDb().select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ role: "admin", isActive: true });
  });

  it("never demotes or disables the last active admin", async () => {
    // Only active admins count: start from a database where every other admin is disabled.
    await getDb().update(users).set({ isActive: false }).where(eq(users.role, "admin"));
    const a = await createActor("admin");
    const b = await createActor("admin");
    // a is disabled a moment before acting (a stale actor): b is now the last active admin.
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, a.id));
    await expect(changeRole(a, { userId: b.id, role: "viewer" })).rejects.toMatchObject({ code: "invalid_state", message: expect.stringContaining("last active admin") });
    await expect(setUserActive(a, { userId: b.id, active: false })).rejects.toMatchObject({ code: "invalid_state" });
    // With a second active admin, demoting is fine.
    await getDb().update(users).set({ isActive: true }).where(eq(users.id, a.id));
    await expect(changeRole(a, { userId: b.id, role: "viewer" })).resolves.toMatchObject({ role: "viewer" });
  });

  it("disabling ends the user's sessions at once; enabling lets them sign in again, both audited", async () => {
    const admin = await createActor("admin");
    const target = await createActor("release_manager");
    await getDb().update(users).set({ passwordHash: await hashPassword("their-password-1") }).where(eq(users.id, target.id));
    const sid = await openSession(target.id);
    await setUserActive(admin, { userId: target.id, active: false });
    expect(await actorForSession(sid)).toBeNull();
    expect(await authenticateWithPassword(getDb(), { email: target.email, password: "their-password-1", address: "t2" })).toBeNull();
    await setUserActive(admin, { userId: target.id, active: true });
    expect(await actorForSession(sid)).toBeNull(); // the old session stays ended
    expect(await authenticateWithPassword(getDb(), { email: target.email, password: "their-password-1", address: "t2" })).toMatchObject({ id: target.id });
    expect((await auditFor(target.id)).map((e) => e.action).sort()).toEqual(["user.disable", "user.enable"]);
    // The row is still there: never hard-deleted.
    expect((await listUsers()).some((u) => u.id === target.id)).toBe(true);
  });

  it("refuses to act on a user that does not exist", async () => {
    const admin = await createActor("admin");
    await expect(changeRole(admin, { userId: 999_999, role: "viewer" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe(`changing your own password (${engine})`, () => {
  it("needs the current password, then the new one works and the old one does not", async () => {
    const me = await createActor("viewer");
    await getDb().update(users).set({ passwordHash: await hashPassword("old-password-12") }).where(eq(users.id, me.id));
    await expect(
      changeOwnPassword(me, { currentPassword: "not-it", newPassword: "new-password-12", confirmPassword: "new-password-12" }),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { currentPassword: [expect.any(String)] } });
    await changeOwnPassword(me, { currentPassword: "old-password-12", newPassword: "new-password-12", confirmPassword: "new-password-12" });
    expect(await authenticateWithPassword(getDb(), { email: me.email, password: "new-password-12", address: "t3" })).toMatchObject({ id: me.id });
    expect(await authenticateWithPassword(getDb(), { email: me.email, password: "old-password-12", address: "t3" })).toBeNull();
    expect((await auditFor(me.id)).map((e) => e.action)).toEqual(["user.change_password"]);
  });

  it("explains that single-sign-on accounts have no password here", async () => {
    const me = await createActor("viewer"); // created without a password
    await expect(
      changeOwnPassword(me, { currentPassword: "x", newPassword: "new-password-12", confirmPassword: "new-password-12" }),
    ).rejects.toMatchObject({ code: "invalid_state" });
  });
});
