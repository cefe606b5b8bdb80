import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const integration = (name: string, engine: string) => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_ENGINE: engine },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: {
    alias: { "@": root, "server-only": path.join(root, "tests/support/empty.ts") },
  },
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    env: { LOG_LEVEL: "silent", BCRYPT_COST: "4" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"] } },
      integration("integration:pglite", "pglite"),
      // The same suite on real Postgres whenever CI (or you) provide a server.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration:postgres", "postgres")] : []),
    ],
  },
});
