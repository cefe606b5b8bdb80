/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  // Only the Node server; `next build` loads this too, and must not need production secrets.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { authSecretProblem } = await import("./lib/auth/secret");
  const problem = authSecretProblem();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
