import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * next-auth's session token (an encrypted JWT, A256GCM with a key derived from AUTH_SECRET by
 * HKDF), byte for byte as next-auth writes it, except that the derived key is computed once per
 * secret instead of on every request: the HKDF was a measurable share of each request's CPU.
 * Plugged into next-auth (`jwt.encode/decode`) so sign-in and sign-out use the same code.
 */
const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string | Buffer, salt = ""): Uint8Array {
  const id = `${salt}\u0000${typeof secret === "string" ? secret : secret.toString("base64")}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    keys.set(id, key);
  }
  return key;
}

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

export async function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(encryptionKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}

/**
 * The server-side session id a request's cookie carries, or null (no cookie, a forged or expired
 * token). Decoding only: unlike next-auth's getServerSession it does not re-encode and re-issue
 * the cookie on every request (the session's lifetime is the database row's, not the cookie's).
 */
export async function sessionIdFromToken(token: string | undefined, secret: string | undefined): Promise<string | null> {
  if (!token || !secret) return null;
  try {
    const payload = await decodeSessionToken({ token, secret });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}
