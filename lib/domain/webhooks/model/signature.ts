import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the
 * endpoint's secret. A receiver recomputes it and refuses a timestamp older than a few minutes,
 * so a captured request cannot be replayed later. (Kept apart from events.ts, which the browser
 * loads: node:crypto in a client bundle brings a polyfill the page's CSP rightly refuses.)
 */
export function signatureHeader(secret: string, body: string, at: number): string {
  return `t=${at},v1=${createHmac("sha256", secret).update(`${at}.${body}`).digest("hex")}`;
}

/** What a receiver does (documented in the README): true if the header signs the body, recently. */
export function verifySignature(secret: string, body: string, header: string, now = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const at = Number(parts.t);
  if (!Number.isInteger(at) || Math.abs(now - at) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signatureHeader(secret, body, at).split("v1=")[1], "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
