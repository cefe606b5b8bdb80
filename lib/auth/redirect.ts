/**
 * Where to send someone after sign-in: a path on this site, never another origin. One function
 * for the sign-in page, the sign-in form and next-auth's `redirect` callback.
 *
 * Browsers are generous with what they treat as "another host": `//evil.example`, `/\evil.example`
 * (backslash read as slash) and `/<TAB>/evil.example` (tabs and newlines stripped) all leave the
 * site. So anything with a backslash or a control character is refused outright, the rest is
 * resolved against a placeholder origin and must stay on it.
 */
const PLACEHOLDER = "http://runsheet.invalid";

export function safeRedirectPath(raw: unknown, options: { origin?: string; fallback?: string } = {}): string {
  const fallback = options.fallback ?? "/";
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  // Backslashes, C0 controls, DEL, and Unicode line/paragraph separators and other invisible spaces.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\\\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029\s]/.test(raw)) return fallback;
  let candidate = raw;
  if (options.origin && !raw.startsWith("/")) {
    // An absolute URL is accepted only on our own origin (next-auth hands those over).
    let absolute: URL;
    try {
      absolute = new URL(raw);
    } catch {
      return fallback;
    }
    if (absolute.origin !== new URL(options.origin).origin) return fallback;
    candidate = absolute.pathname + absolute.search + absolute.hash;
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  const path = url.pathname + url.search + url.hash;
  // Normalisation (e.g. "/./\/x" forms) must not have produced a protocol-relative path.
  return path.startsWith("//") ? fallback : path;
}

/** next-auth's `redirect` callback: an absolute URL on our own base URL. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return base + safeRedirectPath(url, { origin: base });
}
