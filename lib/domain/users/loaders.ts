import "server-only";
import { listOpenSessions } from "@/lib/auth/sessions";
import { defineLoader } from "@/lib/domain/define-loader";
import { getAccount, listUsers } from "@/lib/domain/users/queries/users";

/** Account page: your own account (and, later, your sessions). */
export const loadAccountPage = defineLoader("viewer", async (actor) => {
  const [account, sessions] = await Promise.all([getAccount(actor.id), listOpenSessions(actor.id, actor.sessionId)]);
  return { account, sessions };
});

/** Users page (admins): every account. */
export const loadUsersPage = defineLoader("admin", async (actor) => ({ me: { id: actor.id }, users: await listUsers() }));
