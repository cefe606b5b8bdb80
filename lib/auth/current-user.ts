import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { needsSetup } from "./first-run";
import { authOptions } from "./options";
import { hasRole, type Actor } from "./roles";
import { actorForSession } from "./sessions";
import type { Role } from "@/db/schema/vocabulary";

/** The signed-in user for this request, checked against the database (once per request). */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (typeof session?.sid !== "string") return null;
  return actorForSession(session.sid);
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
