import { NextResponse, type NextRequest } from "next/server";
import { ACTION_BODY_LIMIT_BYTES, judgeActionBody, tooLarge, type BodyVerdict } from "@/lib/runtime/action-body";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
// /api/v1 is not public: each handler establishes the caller (token or session) and answers a
// JSON 401 itself, which a CI job can read; a redirect to the sign-in page would not be.
const PUBLIC_PREFIXES = ["/sign-in", "/setup", "/api/auth", "/api/health", "/api/v1", "/forbidden"];
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Security headers with a per-request CSP nonce, the request path for server components
 * (sign-in brings users back where they were), a redirect to sign-in when there is no session
 * cookie at all, and a check of server action bodies before Next decodes them. The redirect is
 * for comfort only: every loader and every server action checks the session against the
 * database itself.
 */
export async function proxy(request: NextRequest) {
  const isAction = request.method === "POST" && request.headers.has("next-action");
  if (isAction) {
    const refused = checkActionOrigin(request) ?? (await checkActionBody(request));
    if (refused) return withHeaders(request, refused, null);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const csp = contentSecurityPolicy(nonce);

  let response: NextResponse;
  if (!isPublic && !hasSession && !isAction && request.method === "GET") {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("x-pathname", pathname + search);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  return withHeaders(request, response, csp);
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress widths, Radix positioning) need 'unsafe-inline' for styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HTTPS as the browser saw it: directly, or through a proxy that says so. */
function cameOverHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}

function withHeaders(request: NextRequest, response: NextResponse, csp: string | null): NextResponse {
  if (csp) response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // HSTS only means something over HTTPS; HSTS=off disables it (e.g. testing on a staging name).
  if (process.env.HSTS !== "off" && cameOverHttps(request)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

/**
 * Next refuses a server action whose Origin is not this host (its CSRF check) with HTTP 500 and a
 * digest. The same rule, answered here as what it is: 403, in words. A request with no Origin is
 * left to Next (it allows and warns), as is one from this host behind a proxy (X-Forwarded-Host).
 */
function checkActionOrigin(request: NextRequest): NextResponse | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  let originHost: string | null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (originHost && host && originHost === host) return null;
  return NextResponse.json(
    { ok: false, code: "forbidden", message: "This request came from another site and was refused. Nothing was changed." },
    { status: 403 },
  );
}

/**
 * A server action body Next could not decode used to answer HTTP 500. Refuse it here, in words,
 * in the action's own answer shape: `{ ok: false, code: "invalid_input", message }`.
 */
async function checkActionBody(request: NextRequest): Promise<NextResponse | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  let verdict: BodyVerdict;
  if (declared > ACTION_BODY_LIMIT_BYTES) verdict = tooLarge;
  else {
    try {
      verdict = await judgeActionBody(request.headers.get("content-type"), await request.clone().arrayBuffer());
    } catch {
      verdict = { ok: false, status: 400, message: "The request could not be read. Nothing was changed." };
    }
  }
  if (verdict.ok) return null;
  return NextResponse.json({ ok: false, code: "invalid_input", message: verdict.message }, { status: verdict.status });
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png).*)" }],
};
