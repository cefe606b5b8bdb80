import "server-only";
import { actorForToken, bearerOf } from "@/lib/auth/api-token";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/auth/roles";
import { problem } from "./respond";

const why = {
  unknown: "That API token is not valid.",
  revoked: "That API token was revoked.",
  expired: "That API token has expired.",
  disabled: "The account this API token acts as is disabled.",
} as const;

/**
 * Who is calling, before anything is read: an API token (`Authorization: Bearer rs_…`), checked,
 * counted against its rate limit and marked used in one round trip; or, for reads only, the
 * browser's session (a signed-in person opening a status link). A write never rides on a cookie:
 * that would make every write endpoint a cross-site request target.
 */
export async function principalOf(request: Request): Promise<{ actor: Actor; via: string } | { response: Response }> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const token = bearerOf(header);
    if (!token) return { response: problem("unauthenticated", "Send the token as: Authorization: Bearer rs_…") };
    const check = await actorForToken(token);
    if (check.ok) return { actor: check.actor, via: `token:${check.tokenId}` };
    if (check.reason === "rate_limited") {
      return {
        response: problem("rate_limited", `Too many requests with this token; try again in ${check.retryAfterSeconds} s.`, {
          headers: { "retry-after": String(check.retryAfterSeconds) },
        }),
      };
    }
    return { response: problem("unauthenticated", why[check.reason]) };
  }
  if (request.method === "GET") {
    const actor = await getCurrentUser();
    if (actor) return { actor, via: "session" };
  }
  return { response: problem("unauthenticated", "Send an API token: Authorization: Bearer rs_… (an admin creates one under API tokens).") };
}
