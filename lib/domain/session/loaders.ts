import "server-only";
import { cache } from "react";
import { getCurrentUser, requireUser } from "@/lib/auth/current-user";
import { needsSetup } from "@/lib/auth/first-run";
import { ssoButton } from "@/lib/auth/options";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { permissionsOf, roleLabels, type Viewer } from "@/lib/auth/roles";
import type { Role } from "@/db/schema/vocabulary";

/** The signed-in user with what they may do; redirects to sign-in (or /forbidden) otherwise. */
export const loadViewer = cache(async (role: Role = "viewer"): Promise<Viewer> => {
  const { sessionId: _sessionId, ...actor } = await requireUser(role);
  return { ...actor, can: permissionsOf(actor.role) };
});

/**
 * The sign-in page: where a signed-in visitor goes instead (a same-origin path only), whether
 * setup must run first, and the single sign-on button if configured. Reads no product data.
 */
export const loadSignIn = cache(async (callbackUrl: string | undefined) => {
  const next = safeRedirectPath(callbackUrl);
  if (await getCurrentUser()) return { kind: "redirect", to: next } as const;
  if (await needsSetup()) return { kind: "redirect", to: "/setup" } as const;
  return { kind: "form", callbackUrl: next, sso: ssoButton() } as const;
});

/** The one-time setup page exists only while the database has no user. */
export const loadSetup = cache(async () => ({ open: await needsSetup() }));

/** The "no access" page: who is signed in (name and role label), if anyone. */
export const loadForbidden = cache(async () => {
  const user = await getCurrentUser();
  return user ? { name: user.name, roleLabel: roleLabels[user.role] } : null;
});
