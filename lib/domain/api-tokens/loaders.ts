import "server-only";
import { originOf } from "@/lib/domain/shared/origin";
import { defineLoader } from "@/lib/domain/define-loader";
import { listTokenPrincipals, listTokens } from "./queries/tokens";

/** API tokens page (admins): every token, and the people a new one may act as. */
export const loadApiTokensPage = defineLoader("admin", async () => {
  const [tokens, people, origin] = await Promise.all([listTokens(), listTokenPrincipals(), originOf()]);
  return { tokens, people, origin };
});
