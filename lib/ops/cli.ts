/**
 * Operations CLI, bundled into the image as dist/ops.mjs (the runtime has no tsx) and run from
 * the repo with tsx (`npm run backup`, `npm run restore`).
 *
 *   start                     validate the environment, migrate, seed demo data if SEED_DEMO=true
 *   migrate [--seed-if-empty] migrate (and seed an empty database unless SEED_DEMO=false)
 *   backup --out FILE         dump every table and sequence to FILE (JSON lines; "-" = stdout)
 *   restore --in FILE         load a backup into an EMPTY instance (migrates it first)
 *   check-env                 validate the environment and exit
 *
 * Each opens the database, does its work and exits. The embedded database must not be open in
 * another process: stop the server before backup/restore (see the README, "Deploy").
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { ensureAdminFromEnv } from "@/lib/auth/bootstrap";
import { EnvError, assertEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { backupDatabase, BackupError, restoreDatabase } from "@/lib/ops/backup";
import { closeDb, getDb, getEngine } from "@/db/client";
import { column, rawRows } from "@/db/raw";
import { sql } from "drizzle-orm";
import { applyMigrations, pendingMigrations } from "@/db/migrate-lib";
import { withStartupLock } from "@/db/startup-lock";
import { seedDemoDataIfEmpty } from "@/lib/ops/seed-demo";

const say = (msg: string) => process.stderr.write(msg + "\n");

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

export const RUNTIME_ROLE = "runsheet_runtime";

// Operations run as DATABASE_URL's own user (the owner: migrations need DDL), never as the
// runtime role the server may switch to.
const configuredRole = process.env.DATABASE_ROLE?.trim() || undefined;
delete process.env.DATABASE_ROLE;

/**
 * Which role the server should run as on Postgres: DATABASE_ROLE when set; otherwise the
 * least-privilege runtime role the migrations create, when the migrating user may switch to it.
 * Written to `--role-file` for the start script to pass on (none on the embedded engine).
 */
async function runtimeRole(): Promise<string> {
  if (getEngine() !== "postgres") return "none";
  if (configuredRole) return configuredRole;
  // `member` is null when the role does not exist: read as false, like not being a member.
  const [row] = await rawRows(
    getDb(),
    { member: column.bool("member") },
    sql`
      select case when exists (select 1 from pg_roles where rolname = ${RUNTIME_ROLE})
             then pg_has_role(current_user, ${RUNTIME_ROLE}, 'MEMBER') end as member`,
  );
  if (row?.member) return RUNTIME_ROLE;
  log("warn", "the server runs as the migrating database user: create the runtime role (README, Least-privilege database role)");
  return "none";
}

async function migrate(seed: boolean, roleFile?: string): Promise<void> {
  // Replicas starting together take turns: the first migrates (and seeds), the others then find
  // nothing pending (db/startup-lock.ts).
  await withStartupLock(getDb(), getEngine(), () => migrateAndSeed(seed, roleFile));
}

/**
 * A login that may not change the schema (the least-privilege server login) starts only on an
 * up-to-date database: pending migrations are refused in words, with what to run, rather than
 * failing half-way with "permission denied".
 */
async function assertMayMigrate(): Promise<void> {
  if (getEngine() !== "postgres") return;
  const pending = await pendingMigrations(getDb());
  if (pending === 0) return;
  const [row] = await rawRows(
    getDb(),
    { user: column.text("user"), may: column.bool("may") },
    sql`select current_user as user, has_database_privilege(current_database(), 'CREATE') and has_schema_privilege(current_schema(), 'CREATE') as may`,
  );
  if (row && !row.may) {
    throw new UsageError(
      `${pending} database migration${pending === 1 ? " is" : "s are"} pending, and ${row.user} may not apply ${pending === 1 ? "it" : "them"} (least privilege): ` +
        "run the image's `migrate` command with the owner's DATABASE_URL first, or set MIGRATE_DATABASE_URL (README, Least-privilege database role).",
    );
  }
}

async function migrateAndSeed(seed: boolean, roleFile?: string): Promise<void> {
  const started = Date.now();
  await assertMayMigrate();
  await applyMigrations(getDb(), getEngine());
  if (roleFile) writeFileSync(roleFile, await runtimeRole(), { mode: 0o600 });
  // Before seeding: a deployment that names its admin (ADMIN_EMAIL) is not empty, so it never
  // receives demo data.
  await ensureAdminFromEnv(getDb());
  const seeded = seed ? await seedDemoDataIfEmpty(getDb()) : false;
  // The embedded engine runs Postgres in single-user mode: no autovacuum. Every start is its one
  // chance to reclaim dead rows (each step change leaves one) and refresh the planner statistics.
  if (getEngine() === "pglite") await getDb().execute(sql`vacuum analyze`);
  log("info", "database ready", { engine: getEngine(), seeded, ms: Date.now() - started });
}

async function backup(out: string | undefined): Promise<void> {
  if (!out) throw new UsageError("backup needs --out FILE (or --out - for standard output)");
  const started = Date.now();
  const toStdout = out === "-";
  const partial = `${out}.partial`;
  const stream = toStdout ? process.stdout : createWriteStream(partial, { mode: 0o600 });
  try {
    const counts = await backupDatabase(getDb(), getEngine(), async (line) => {
      if (!stream.write(line)) await once(stream, "drain");
    });
    if (!toStdout) {
      await new Promise<void>((resolve, reject) => (stream as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
      renameSync(partial, out);
    }
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    say(`Backup written${toStdout ? "" : ` to ${out}`}: ${Object.keys(counts).length} tables, ${rows} rows (${getEngine()}, ${Date.now() - started} ms).`);
  } catch (error) {
    if (!toStdout) rmSync(partial, { force: true });
    throw error;
  }
}

async function restore(input: string | undefined): Promise<void> {
  if (!input) throw new UsageError("restore needs --in FILE (or --in - for standard input)");
  if (input !== "-" && !existsSync(input)) throw new UsageError(`File not found: ${input}`);
  const started = Date.now();
  await applyMigrations(getDb(), getEngine());
  const stream = input === "-" ? process.stdin : createReadStream(input, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const counts = await restoreDatabase(getDb(), lines);
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  say(`Restored ${rows} rows into ${Object.keys(counts).length} tables (${getEngine()}, ${Date.now() - started} ms).`);
}

class UsageError extends Error {}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  assertEnv();
  switch (command) {
    case "start":
      // The container: demo data only when explicitly asked for.
      return migrate(process.env.SEED_DEMO === "true", option(rest, "--role-file"));
    case "migrate":
      return migrate(rest.includes("--seed-if-empty"), option(rest, "--role-file"));
    case "backup":
      return backup(option(rest, "--out"));
    case "restore":
      return restore(option(rest, "--in"));
    case "check-env":
      say("Environment OK.");
      return;
    default:
      throw new UsageError(`Unknown command "${command ?? ""}". Use one of: start, migrate, backup --out FILE, restore --in FILE, check-env.`);
  }
}

main(process.argv.slice(2))
  .then(async () => {
    await closeDb();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    await closeDb().catch(() => {});
    if (error instanceof EnvError || error instanceof BackupError || error instanceof UsageError) say(error.message);
    else say(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
