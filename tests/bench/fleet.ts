/**
 * The fleet scenario of `npm run bench` (issue 27): a fleet file of 5,000 customers on 5 clusters,
 * with an active release of 10 steps for all customers, imported in one transaction — parse, plan
 * and apply (customers, their release membership and their 50,000 steps) — beside its floor in the
 * same run: raw `INSERT … SELECT` statements writing the same rows with nothing checked. Then the
 * same file again (the plan finds nothing to do) and the preview alone.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";
import { executedRows } from "@/db/typed-rows";
import { FLEET_FILE_KIND, parseFleetFile, toFleetYaml, type FleetFile } from "@/lib/domain/fleet/model/fleet-file";
import { applyFleetImport, previewFleetImport } from "@/lib/domain/fleet/mutations/apply";
import { stats, type Stats } from "./stats";

const CUSTOMERS = 5_000;
const CLUSTERS = 5;
const STEPS = 10;
const RUNS = 3;

export type FleetRow = { metric: string; median: number; p95: number; floor?: number; ratio?: number; unit: string; target: string; extra?: string };

async function reset(db: Db) {
  await db.execute(sql`delete from customer_steps`);
  await db.execute(sql`delete from release_customers`);
  await db.execute(sql`delete from audit_log where action = 'fleet.import'`).catch(() => undefined);
  await db.execute(sql`delete from customers`);
}

export async function benchFleet(engine: "pglite" | "postgres", url: string | null, dataDir: string | null, log: (m: string) => void): Promise<FleetRow[]> {
  let dbUrl: string | null = null;
  if (engine === "postgres") {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe("drop database if exists runsheet_bench_fleet with (force)");
    await admin.unsafe("create database runsheet_bench_fleet");
    await admin.end();
    const u = new URL(url!);
    u.pathname = "/runsheet_bench_fleet";
    dbUrl = u.toString();
  }
  const handle = dbUrl ? openDatabase({ databaseUrl: dbUrl }) : openDatabase({ dataDir: dataDir! });
  setDatabase(handle);
  const db = handle.db;
  await applyMigrations(db, engine);
  const [user] = executedRows(await db.execute(sql`insert into users (email, name, role) values ('fleet@bench.local', 'Bench Fleet', 'admin') returning id, name, email, role`));
  const actor = { id: Number(user.id), name: String(user.name), email: String(user.email), role: "admin" as const };
  await db.execute(sql`insert into clusters (name, kubeconfig_path) select 'fleet-' || g, '/k/' || g from generate_series(1, ${CLUSTERS}) g`);
  const [release] = executedRows(await db.execute(sql`insert into releases (name, type, version_number, status, activated_at, scope) values ('fleet bench', 'release', 'v1', 'active', now(), 'all') returning id`));
  await db.execute(sql`insert into step_templates (release_id, name, category, type, content, order_index) select ${release.id}, 'step ' || g, 'deploy', 'bash', 'echo {{ namespace }}', g from generate_series(0, ${STEPS - 1}) g`);
  const file: FleetFile = {
    kind: FLEET_FILE_KIND,
    clusters: Array.from({ length: CLUSTERS }, (_, i) => ({ name: `fleet-${i + 1}`, kubeconfigPath: `/k/${i + 1}`, description: "", metadata: {} })),
    customers: Array.from({ length: CUSTOMERS }, (_, i) => ({
      name: `customer-${i}`,
      cluster: `fleet-${(i % CLUSTERS) + 1}`,
      namespace: `customer-${i}-prod`,
      description: "",
      metadata: { tier: i % 3 ? "gold" : "silver", region: `r-${i % 7}` },
      archived: false,
    })),
  };
  const text = toFleetYaml(file);
  log(`fleet: ${CUSTOMERS} customers on ${CLUSTERS} clusters, ${STEPS} steps each from one active release; file ${(text.length / 1024).toFixed(0)} KiB`);

  const parse: number[] = [];
  const apply: number[] = [];
  const again: number[] = [];
  const preview: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await reset(db);
    let t = performance.now();
    const parsed = parseFleetFile(text);
    parse.push(performance.now() - t);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
    t = performance.now();
    const result = await applyFleetImport(parsed.value, { archiveMissing: false }, actor);
    apply.push(performance.now() - t);
    if (result.stepsCreated !== CUSTOMERS * STEPS) throw new Error(`expected ${CUSTOMERS * STEPS} steps, got ${result.stepsCreated}`);
    t = performance.now();
    await applyFleetImport(parsed.value, { archiveMissing: false }, actor);
    again.push(performance.now() - t);
    t = performance.now();
    await previewFleetImport(parsed.value, { archiveMissing: false });
    preview.push(performance.now() - t);

    // The floor: the same rows written by hand-made INSERT … SELECT, nothing parsed or checked.
    await reset(db);
    t = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into customers (cluster_id, name, namespace, metadata)
        select k.id, 'customer-' || g, 'customer-' || g || '-prod', jsonb_build_object('tier', case when g % 3 = 0 then 'silver' else 'gold' end, 'region', 'r-' || (g % 7))
        from generate_series(0, ${CUSTOMERS - 1}) g join clusters k on k.name = 'fleet-' || ((g % ${CLUSTERS}) + 1)`);
      await tx.execute(sql`insert into release_customers (release_id, customer_id, membership) select ${release.id}, id, 'included' from customers`);
      await tx.execute(sql`
        insert into customer_steps (release_id, customer_id, template_id, name, category, type, content, order_index, origin)
        select ${release.id}, c.id, t.id, t.name, t.category, t.type, t.content, t.order_index, 'customer_joined' from customers c, step_templates t where t.release_id = ${release.id}`);
    });
    floor.push(performance.now() - t);
    log(`run ${run + 1}: parse ${parse.at(-1)!.toFixed(0)} ms, apply ${apply.at(-1)!.toFixed(0)} ms, again ${again.at(-1)!.toFixed(0)} ms, floor ${floor.at(-1)!.toFixed(0)} ms`);
  }
  await handle.close();
  const s = (xs: number[]): Stats => stats(xs);
  const row = (metric: string, xs: number[], target: string, floorXs?: number[], extra?: string): FleetRow => {
    const m = s(xs);
    const f = floorXs ? s(floorXs).median : undefined;
    return { metric, median: m.median, p95: m.p95, floor: f, ratio: f ? m.median / f : undefined, unit: "ms", target, extra };
  };
  return [
    row(`fleet import: ${CUSTOMERS.toLocaleString("en")} customers + ${(CUSTOMERS * STEPS).toLocaleString("en")} steps, one transaction`, apply, "seconds", floor, "floor: raw INSERT … SELECT of the same rows"),
    row("fleet import: parse the file (YAML)", parse, "—"),
    row("fleet import: the same file again (nothing to do)", again, "—"),
    row("fleet import: preview (read + plan)", preview, "—"),
  ];
}
