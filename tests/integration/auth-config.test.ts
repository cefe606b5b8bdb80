import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { buildAuthOptions, sessionCookie, ssoButton } from "@/lib/auth/options";
import { assertAuthSecret, authSecretProblem } from "@/lib/auth/secret";
import { signInErrorText } from "@/lib/auth/sign-in-errors";
import { emailIsVerified, oidcProvider, ssoConfig } from "@/lib/auth/sso";
import { resolveSsoUser } from "@/lib/auth/sso-users";
import { createActor, engine, withTestDatabase } from "../support/db";

withTestDatabase();

const oidc = { OIDC_ISSUER: "https://sso.example.com/realms/main/", OIDC_CLIENT_ID: "runsheet", OIDC_CLIENT_SECRET: "s3cret" };

describe("single sign-on configuration", () => {
  it("is off without OIDC variables, and offers passwords only", () => {
    expect(ssoConfig({})).toBeNull();
    expect(ssoButton({})).toBeNull();
    expect(buildAuthOptions({}).providers.map((p) => p.id)).toEqual(["credentials"]);
  });

  it("refuses a partial configuration (and sign-in falls back to passwords)", () => {
    expect(() => ssoConfig({ OIDC_ISSUER: "https://sso.example.com" })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => ssoConfig({ ...oidc, OIDC_ISSUER: "sso.example.com" })).toThrow(/issuer URL/);
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(buildAuthOptions({ OIDC_ISSUER: "https://sso.example.com" }).providers.map((p) => p.id)).toEqual(["credentials"]);
    } finally {
      console.error = quiet;
    }
  });

  it("builds a generic OIDC provider with discovery, ID token, PKCE and state", () => {
    const config = ssoConfig({ ...oidc, OIDC_NAME: "Keycloak" });
    expect(config).toMatchObject({ id: "oidc", name: "Keycloak", issuer: "https://sso.example.com/realms/main" });
    const provider = oidcProvider(config!);
    expect(provider).toMatchObject({
      type: "oauth",
      wellKnown: "https://sso.example.com/realms/main/.well-known/openid-configuration",
      idToken: true,
      checks: ["pkce", "state"],
      clientId: "runsheet",
      clientSecret: "s3cret",
    });
    expect(provider.profile({ sub: "abc", email: "Pat@Example.com", name: "Pat" }, {})).toEqual({ id: "abc", email: "pat@example.com", name: "Pat" });
    expect(buildAuthOptions(oidc).providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(ssoButton(oidc)).toEqual({ id: "oidc", name: "single sign-on" });
  });

  it("trusts an email unless the identity provider says it is unverified", () => {
    expect(emailIsVerified({ email_verified: true })).toBe(true);
    expect(emailIsVerified({})).toBe(true);
    expect(emailIsVerified({ email_verified: false })).toBe(false);
    expect(emailIsVerified({ email_verified: "false" })).toBe(false);
  });
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, and Secure with a __Secure- name behind HTTPS", () => {
    expect(sessionCookie({ NEXTAUTH_URL: "http://localhost:3000" })).toEqual({
      secure: false,
      cookie: { name: "next-auth.session-token", options: { httpOnly: true, sameSite: "lax", path: "/", secure: false } },
    });
    const https = buildAuthOptions({ NEXTAUTH_URL: "https://runsheet.example.com" });
    expect(https.useSecureCookies).toBe(true);
    expect(https.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });
});

describe("AUTH_SECRET", () => {
  it("is required in production, with one clear message", () => {
    expect(authSecretProblem({ NODE_ENV: "production" })).toMatch(/^AUTH_SECRET is not set/);
    expect(() => assertAuthSecret({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is not set/);
    expect(authSecretProblem({ NODE_ENV: "production", AUTH_SECRET: "short" })).toMatch(/too short/);
    expect(authSecretProblem({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) })).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "development" })).toBeNull();
  });
});

describe(`single sign-on accounts (${engine})`, () => {
  it("matches an existing account by email, case-insensitively", async () => {
    const existing = await createActor("release_manager");
    expect(await resolveSsoUser(getDb(), { email: existing.email.toUpperCase(), name: "X", emailVerified: true })).toEqual({
      ok: true,
      userId: existing.id,
      created: false,
    });
  });

  it("creates an unknown email as a viewer without a password, audited", async () => {
    const email = `new-${Date.now()}@sso.test`;
    const outcome = await resolveSsoUser(getDb(), { email, name: "New Person", emailVerified: true });
    expect(outcome).toMatchObject({ ok: true, created: true });
    const [row] = await getDb().select().from(users).where(eq(sql`lower(${users.email})`, email));
    expect(row).toMatchObject({ role: "viewer", passwordHash: null, name: "New Person", isActive: true });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, String(row.id)));
    expect(audit.map((a) => a.action)).toContain("user.create");
  });

  it("refuses a disabled account, an unverified email and a missing email", async () => {
    const off = await createActor("admin");
    await getDb().update(users).set({ isActive: false }).where(eq(users.id, off.id));
    expect(await resolveSsoUser(getDb(), { email: off.email, emailVerified: true })).toEqual({ ok: false, reason: "disabled" });
    expect(await resolveSsoUser(getDb(), { email: "x@sso.test", emailVerified: false })).toEqual({ ok: false, reason: "unverified" });
    expect(await resolveSsoUser(getDb(), { email: null, emailVerified: true })).toEqual({ ok: false, reason: "no_email" });
  });
});

describe("what the sign-in form may show", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = () => (buildAuthOptions({}).providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

  it("a database failure during sign-in becomes a reference, never the driver's text", async () => {
    const { getDb: realDb } = await import("@/db/client");
    const db = realDb();
    const spy = vi.spyOn(db, "select").mockImplementation(() => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 (password authentication failed for user "runsheet")'), { code: "28P01" });
    });
    const logged: string[] = [];
    const quiet = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void logged.push(a.join(" ")));
    vi.stubEnv("LOG_LEVEL", "info");
    try {
      const thrown = await authorize()({ email: "x@example.com", password: "whatever-123" }, { headers: { "x-forwarded-for": "192.0.2.9" } }).catch((e: Error) => e);
      expect(thrown).toBeInstanceOf(Error);
      const code = (thrown as Error).message;
      expect(code).toMatch(/^unavailable:[a-z0-9]+$/);
      const words = signInErrorText(code);
      expect(words).toMatch(/^Sign-in is not available right now \(ref [a-z0-9]+\)\. Try again shortly\.$/);
      expect(words).not.toMatch(/ECONNREFUSED|password authentication/);
      expect(logged.join("\n")).toContain(code.split(":")[1]);
      expect(logged.join("\n")).not.toContain("x@example.com");
    } finally {
      spy.mockRestore();
      quiet.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  it("turns only known codes into words; anything else is a generic sentence", () => {
    expect(signInErrorText("CredentialsSignin")).toBe("That email and password don't match an active account.");
    expect(signInErrorText("throttled")).toMatch(/Too many failed sign-ins/);
    expect(signInErrorText('relation "users" does not exist')).toBe("Sign-in is not available right now. Try again shortly.");
  });
});
