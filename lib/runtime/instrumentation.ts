/**
 * Start-up hooks for instrumentation.ts (nodejs runtime). The container's entrypoint already
 * validates the environment before the server starts; this repeats it for `next start` /
 * `npm start`, so every way of running the server refuses a bad environment the same way.
 */
import { parseEnv } from "@/lib/env";
import { log } from "@/lib/log";

export function validateEnvironmentAtStart(): void {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const result = parseEnv();
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
  for (const warning of result.warnings) log("warn", warning);
}

