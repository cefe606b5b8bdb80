/** `npm run db:seed`: migrate, then load demo data into an empty database. */
import { closeDb, getDb, getEngine } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";
import { isEmpty, seedDemoData } from "@/lib/ops/seed-demo";

async function main() {
  const db = getDb();
  await applyMigrations(db, getEngine());
  if (!(await isEmpty(db))) {
    console.log("The database already has data; demo data is only loaded into an empty database.");
  } else {
    await seedDemoData(db);
    console.log("Demo data loaded. Sign in as admin@runsheet.local / admin-demo-pass (see README).");
  }
  await closeDb();
}

main().catch(async (error: unknown) => {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  await closeDb().catch(() => {});
  process.exit(1);
});
