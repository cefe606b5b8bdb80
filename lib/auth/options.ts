import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { errorRef, log, describeError } from "@/lib/log";
import { authenticateWithPassword } from "./credentials";
import { safeRedirectUrl } from "./redirect";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { openSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { SIGN_IN_THROTTLED, signInUnavailableCode } from "./sign-in-errors";
import { emailIsVerified, oidcProvider, ssoConfig, SSO_PROVIDER_ID, type SsoConfig } from "./sso";
import { resolveSsoUser } from "./sso-users";
import { clientAddress, SignInThrottledError } from "./throttle";

type Env = Record<string, string | undefined>;

/** Where a refused single sign-on lands: the sign-in page shows the reason. */
const SSO_REFUSED = "/sign-in?error=AccessDenied";

/** The session cookie: HttpOnly, SameSite=Lax, Secure (and __Secure- prefixed) behind HTTPS. */
export function sessionCookie(env: Env = process.env) {
  const secure = Boolean(env.NEXTAUTH_URL?.startsWith("https://"));
  return {
    secure,
    cookie: {
      name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
      options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
    },
  };
}

/** A misconfigured SSO must not take sign-in down with it: log it and offer passwords only. */
export function safeSsoConfig(env: Env = process.env): SsoConfig | null {
  try {
    return ssoConfig(env);
  } catch (error) {
    console.error(`Single sign-on is disabled: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * next-auth v4. Credentials require the JWT strategy, so the JWT carries only a server-side
 * session id (`sid`); every request checks that row and the user's active flag.
 */
export function buildAuthOptions(env: Env = process.env): NextAuthOptions {
  const sso = safeSsoConfig(env);
  const cookie = sessionCookie(env);
  return {
    secret: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    useSecureCookies: cookie.secure,
    cookies: { sessionToken: cookie.cookie },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // next-auth's own log lines carry stacks and token details (a forged cookie's decode error):
    // only the code reaches our log.
    logger: {
      error: (code) => log("warn", "auth", { code }),
      warn: (code) => log("warn", "auth", { code }),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          // next-auth sends a thrown error's message to the browser: only codes the form turns
          // into its own words (sign-in-errors.ts), never a driver's or library's text.
          try {
            const user = await authenticateWithPassword(getDb(), {
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              address: clientAddress(req?.headers),
            });
            return user ? { id: String(user.id), email: user.email, name: user.name } : null;
          } catch (error) {
            if (error instanceof SignInThrottledError) throw new Error(SIGN_IN_THROTTLED);
            const ref = errorRef();
            log("error", "sign-in failed", { ref, error: describeError(error) });
            throw new Error(signInUnavailableCode(ref));
          }
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const outcome = await resolveSsoUser(getDb(), { email: user.email, name: user.name, emailVerified: emailIsVerified(profile) });
        if (!outcome.ok) return `${SSO_REFUSED}&reason=${outcome.reason}`;
        // next-auth hands the IdP's subject to the jwt callback; carry our own user id instead.
        user.id = String(outcome.userId);
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          token.sid = await openSession(Number(user.id), {
            method: account?.provider === SSO_PROVIDER_ID ? "sso" : "password",
            userAgent: await requestUserAgent(),
          });
        }
        return token;
      },
      // Where to go after signing in or out: our own origin only (redirect.ts).
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      session({ session, token }) {
        return { ...session, sid: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(token.sid);
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions();

/** The signing-in browser's User-Agent (shown as the device on the Account page), if known. */
async function requestUserAgent(): Promise<string> {
  try {
    return (await headers()).get("user-agent") ?? "";
  } catch {
    return ""; // called outside a request (tests)
  }
}

/** What the sign-in page offers besides a password, if anything. */
export function ssoButton(env: Env = process.env): { id: string; name: string } | null {
  const sso = safeSsoConfig(env);
  return sso ? { id: sso.id, name: sso.name } : null;
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}
