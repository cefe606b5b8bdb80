import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { needsSetup } from "./first-run";
import { authOptions, sessionCookie } from "./options";
import { hasRole, type Actor } from "./roles";
import { sessionIdFromToken } from "./session-token";
import { actorForSession } from "./sessions";
import type { Role } from "@/db/schema/vocabulary";

/**
 * The signed-in user for this request, checked against the database (once per request): the
 * cookie's token is decrypted (never re-issued) and the session row it names is read with its
 * user in one round trip.
 */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(sessionCookie().cookie.name)?.value;
  const sid = await sessionIdFromToken(token, authOptions.secret);
  return sid ? actorForSession(sid) : null;
});

/**
 * For pages: the signed-in user, or a redirect — to the one-time setup page while no user exists,
 * to sign-in (coming back here afterwards) without a session, to /forbidden without the role.
 */
export async function requireUser(role: Role = "viewer"): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) {
    if (await needsSetup()) redirect("/setup");
    const path = (await headers()).get("x-pathname") ?? "/";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!hasRole(user.role, role)) redirect("/forbidden");
  return user;
}
