export const MIN_SECRET_LENGTH = 32;

/**
 * Production refuses to start without a real AUTH_SECRET: it signs every session cookie, and a
 * guessable one lets anyone mint a session. Returns the message instead of throwing so the
 * caller can print one clear line and exit.
 */
export function authSecretProblem(env: Record<string, string | undefined> = process.env): string | null {
  if (env.NODE_ENV !== "production") return null;
  const secret = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
  if (!secret) {
    return "AUTH_SECRET is not set. Runsheet will not start in production without it: set AUTH_SECRET to a random value of at least 32 characters (e.g. `openssl rand -base64 32`).";
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `AUTH_SECRET is too short (${secret.length} characters). Use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -base64 32\`).`;
  }
  return null;
}

/** Throws one clear error when production lacks a usable AUTH_SECRET. */
export function assertAuthSecret(env: Record<string, string | undefined> = process.env): void {
  const problem = authSecretProblem(env);
  if (problem) throw new Error(problem);
}

/** Server start-up (Node only): one clear line and exit when the secret is missing or weak. */
export function exitWithoutAuthSecret(): void {
  if (process.env.NEXT_PHASE === "phase-production-build") return; // a build needs no secrets
  const problem = authSecretProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
