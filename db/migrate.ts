/**
 * Start-up step: migrate, then (optionally) seed demo data into an empty database.
 * Runs in its own process before the server listens, and exits, so the embedded database
 * is never held by two processes at once.
 */
import { closeDb, getDb, getEngine } from "./client";
import { applyMigrations } from "./migrate-lib";
import { seedDemoDataIfEmpty } from "./seed-lib";

async function main() {
  const started = Date.now();
  await applyMigrations(getDb(), getEngine());
  const seed = process.argv.includes("--seed-if-empty");
  const seeded = seed ? await seedDemoDataIfEmpty(getDb()) : false;
  console.log(
    JSON.stringify({
      level: "info",
      msg: "database ready",
      engine: getEngine(),
      seeded,
      ms: Date.now() - started,
    }),
  );
  await closeDb();
}

main().catch(async (error: unknown) => {
  console.error("Database migration failed:", error instanceof Error ? error.message : error);
  await closeDb().catch(() => {});
  process.exit(1);
});
