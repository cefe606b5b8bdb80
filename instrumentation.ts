/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitWithoutAuthSecret } = await import("./lib/auth/secret");
    exitWithoutAuthSecret();
  }
}
