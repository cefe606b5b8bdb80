import type { OAuthConfig } from "next-auth/providers/oauth";

export const SSO_PROVIDER_ID = "oidc";

export type SsoConfig = { id: typeof SSO_PROVIDER_ID; name: string; issuer: string; clientId: string; clientSecret: string };

type OidcProfile = { sub: string; email?: string; email_verified?: boolean | string; name?: string; preferred_username?: string };

/** SSO is on only when issuer, client id and secret are all set; a partial setup is an error. */
export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error("Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together.");
  }
  if (!/^https?:\/\//.test(issuer)) throw new Error("OIDC_ISSUER must be the issuer URL, e.g. https://sso.example.com/realms/main.");
  return { id: SSO_PROVIDER_ID, name: env.OIDC_NAME?.trim() || "single sign-on", issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret };
}

/** A generic OpenID Connect provider (Keycloak, GitLab, Okta, …) found through its discovery document. */
export function oidcProvider(config: SsoConfig): OAuthConfig<OidcProfile> {
  return {
    id: config.id,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? profile.preferred_username ?? profile.email ?? null,
      };
    },
  };
}

/** An IdP that says the email is unverified must not claim an account by it. */
export function emailIsVerified(profile: unknown): boolean {
  const claim = (profile as { email_verified?: unknown } | undefined)?.email_verified;
  return claim !== false && claim !== "false";
}
