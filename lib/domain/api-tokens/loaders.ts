import "server-only";
import { headers } from "next/headers";
import { defineLoader } from "@/lib/domain/define-loader";
import { listTokenPrincipals, listTokens } from "./queries/tokens";

/** API tokens page (admins): every token, and the people a new one may act as. */
export const loadApiTokensPage = defineLoader("admin", async () => {
  const [tokens, people, origin] = await Promise.all([listTokens(), listTokenPrincipals(), originOf()]);
  return { tokens, people, origin };
});

/** Runsheet's public URL for the curl examples: NEXTAUTH_URL, or this request's host. */
async function originOf(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
