/**
 * The manifests scenario of `npm run bench` (issue 28): an active release with one YAML step in
 * publish mode for 500 customers, published to a bare repository on disk (render 500 manifests,
 * one commit, push, record) and merged on a second person's approval (fetch, checks, fast-forward
 * push, 500 steps done) — beside its floor in the same run: the same 500 files committed and pushed
 * with git's plumbing alone (no database, no rendering, no checks).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, setDatabase, type Db } from "@/db/client";
import { applyMigrations } from "@/db/migrate-lib";
import { executedRows } from "@/db/typed-rows";
import { mergePublish } from "@/lib/domain/manifests/mutations/merge";
import { publishManifests } from "@/lib/domain/manifests/mutations/publish";
import { stats } from "./stats";

const CUSTOMERS = 500;
const RUNS = 3;
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "b@x", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "b@x" };
const git = (cwd: string, args: string[], input?: string) => execFileSync("git", args, { cwd, env, input, encoding: "utf8" }).trim();

export type ManifestRow = { metric: string; median: number; p95: number; floor?: number; ratio?: number; unit: string; target: string; extra?: string };

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: "{{ namespace }}"
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: "registry.example.com/api:{{ release.version }}"
          env:
            - { name: TIER, value: "{{ customer.tier }}" }
`;

function bareRepository(root: string, name: string): string {
  const bare = path.join(root, `${name}.git`);
  const work = path.join(root, `${name}-work`);
  git(root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  git(root, ["init", "--quiet", "--initial-branch=main", work]);
  writeFileSync(path.join(work, "README.md"), "bench\n");
  git(work, ["add", "."]);
  git(work, ["commit", "--quiet", "-m", "start"]);
  git(work, ["push", "--quiet", bare, "main"]);
  return bare;
}

/** The floor: 500 files (already rendered) as one commit on a fresh branch, pushed — git plumbing only. */
function floorCommit(root: string, bare: string, files: Array<{ path: string; content: string }>, branch: string): void {
  const cache = path.join(root, `floor-${branch.replace(/\W/g, "-")}.git`);
  git(root, ["init", "--quiet", "--bare", cache]);
  git(cache, ["fetch", "--quiet", bare, "+refs/heads/main:refs/heads/main"]);
  const scratch = mkdtempSync(path.join(tmpdir(), "floor-"));
  const paths = files.map((f, i) => {
    const p = path.join(scratch, `f${i}`);
    writeFileSync(p, f.content);
    return p;
  });
  const blobs = git(cache, ["hash-object", "-w", "--stdin-paths"], paths.join("\n") + "\n").split("\n");
  const idx = { ...env, GIT_INDEX_FILE: path.join(scratch, "index") };
  execFileSync("git", ["read-tree", "main"], { cwd: cache, env: idx });
  execFileSync("git", ["update-index", "--add", "--index-info"], { cwd: cache, env: idx, input: files.map((f, i) => `100644 blob ${blobs[i]}\t${f.path}`).join("\n") + "\n" });
  const tree = execFileSync("git", ["write-tree"], { cwd: cache, env: idx, encoding: "utf8" }).trim();
  const commit = git(cache, ["commit-tree", tree, "-p", "main", "-m", "floor"]);
  git(cache, ["push", "--quiet", bare, `${commit}:refs/heads/${branch}`]);
  rmSync(scratch, { recursive: true, force: true });
}

export async function benchManifests(engine: "pglite" | "postgres", url: string | null, dataDir: string | null, log: (m: string) => void): Promise<ManifestRow[]> {
  let dbUrl: string | null = null;
  if (engine === "postgres") {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe("drop database if exists runsheet_bench_manifests with (force)");
    await admin.unsafe("create database runsheet_bench_manifests");
    await admin.end();
    const u = new URL(url!);
    u.pathname = "/runsheet_bench_manifests";
    dbUrl = u.toString();
  }
  const handle = dbUrl ? openDatabase({ databaseUrl: dbUrl }) : openDatabase({ dataDir: dataDir! });
  setDatabase(handle);
  const db: Db = handle.db;
  await applyMigrations(db, engine);
  const root = mkdtempSync(path.join(tmpdir(), "runsheet-bench-manifests-"));
  mkdirSync(path.join(root, "cache"), { recursive: true });
  process.env.MANIFEST_CACHE_DIR = path.join(root, "cache");
  const people = executedRows(
    await db.execute(sql`insert into users (email, name, role) values ('pub@bench.local', 'Pat Publisher', 'release_manager'), ('appr@bench.local', 'Alex Approver', 'release_manager') returning id, name, email, role`),
  ).map((u) => ({ id: Number(u.id), name: String(u.name), email: String(u.email), role: "release_manager" as const }));
  const [publisher, approver] = [people[0]!, people[1]!];

  const publish: number[] = [];
  const merge: number[] = [];
  const again: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Each run: its own cluster of customers and its own repository.
    const [cluster] = executedRows(await db.execute(sql`insert into clusters (name) values (${`bench-${run}`}) returning id`));
    await db.execute(sql`insert into customers (cluster_id, name, namespace, metadata) select ${cluster!.id}, 'customer-' || ${run} || '-' || g, 'customer-' || g, jsonb_build_object('tier', 'gold') from generate_series(1, ${CUSTOMERS}) g`);
    const bare = bareRepository(root, `repo-${run}`);
    await db.execute(sql`insert into manifest_repositories (name, url, path_pattern, cluster_id) values (${`bench ${run}`}, ${`file://${bare}`}, 'clusters/{{ cluster.name }}/{{ namespace }}/{{ step.slug }}.yaml', ${cluster!.id})`);
    const [release] = executedRows(await db.execute(sql`insert into releases (name, type, version_number, status, activated_at, scope) values (${`bench ${run}`}, 'release', ${`v${run}.0.0`}, 'active', now(), 'all') returning id`));
    const releaseId = Number(release!.id);
    await db.execute(sql`insert into step_templates (release_id, name, category, type, content, order_index, execution) values (${releaseId}, 'API deployment', 'deploy', 'yaml', ${manifest}, 0, 'manifest')`);
    await db.execute(sql`
      insert into customer_steps (release_id, customer_id, template_id, name, category, type, content, order_index, origin, execution)
      select ${releaseId}, c.id, t.id, t.name, t.category, t.type, t.content, t.order_index, 'activation', t.execution from customers c, step_templates t where t.release_id = ${releaseId} and c.cluster_id = ${cluster!.id}`);
    let t = performance.now();
    const [pub] = await publishManifests(publisher, { releaseId, customerIds: [] });
    publish.push(performance.now() - t);
    if (pub!.files !== CUSTOMERS) throw new Error(`published ${pub!.files}`);
    t = performance.now();
    const [same] = await publishManifests(publisher, { releaseId, customerIds: [] });
    again.push(performance.now() - t);
    if (!same!.unchanged) throw new Error("a second publish committed again");
    t = performance.now();
    const merged = await mergePublish(approver, { publishId: pub!.publishId, commitSha: pub!.commitSha });
    merge.push(performance.now() - t);
    if (merged.done !== CUSTOMERS) throw new Error(`merged ${merged.done}`);
    // The floor, on a fresh repository: the same files, pre-rendered, committed and pushed by hand.
    const floorBare = bareRepository(root, `floor-${run}`);
    const files = executedRows(await db.execute(sql`select path, content from manifest_files where publish_id = ${pub!.publishId}`)).map((f) => ({ path: String(f.path), content: String(f.content) }));
    t = performance.now();
    floorCommit(root, floorBare, files, "floor");
    floor.push(performance.now() - t);
    log(`run ${run + 1}: publish ${publish.at(-1)!.toFixed(0)} ms, again ${again.at(-1)!.toFixed(0)} ms, merge ${merge.at(-1)!.toFixed(0)} ms, floor ${floor.at(-1)!.toFixed(0)} ms`);
  }
  await handle.close();
  rmSync(root, { recursive: true, force: true });
  const f = stats(floor).median;
  const row = (metric: string, xs: number[], withFloor: boolean, extra?: string): ManifestRow => {
    const m = stats(xs);
    return { metric, median: m.median, p95: m.p95, floor: withFloor ? f : undefined, ratio: withFloor ? m.median / f : undefined, unit: "ms", target: "seconds", extra };
  };
  return [
    row(`manifests: publish ${CUSTOMERS} customers (render, one commit, push, record)`, publish, true, "floor: the same files committed and pushed with git plumbing alone"),
    row(`manifests: approve and merge ${CUSTOMERS} (checks, fast-forward push, ${CUSTOMERS} steps done)`, merge, true),
    row("manifests: publish again, nothing changed", again, false),
  ];
}
