import "server-only";
import { listOpenSessions } from "@/lib/auth/sessions";
import { defineLoader } from "@/lib/domain/define-loader";
import { getAccount, listUsers } from "@/lib/domain/users/queries/users";
import { listApproverGroups } from "@/lib/domain/tracks/queries/tracks";

/** Account page: your own account (and, later, your sessions). */
export const loadAccountPage = defineLoader("viewer", async (actor) => {
  const [account, sessions] = await Promise.all([getAccount(actor.id), listOpenSessions(actor.id, actor.sessionId)]);
  return { account, sessions };
});

/** Users page (admins): every account. */
export const loadUsersPage = defineLoader("admin", async (actor) => {
  const [users, groups] = await Promise.all([listUsers(), listApproverGroups()]);
  return { me: { id: actor.id }, users, groups };
});
