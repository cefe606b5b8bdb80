// No "server-only": the demo seed runs in plain Node (tsx) as well as in the server.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { manifestRepositories, releases, stepTemplates, tracks, users } from "@/db/schema";

/**
 * The demo's manifest repository: a bare Git repository beside the embedded database
 * (DATA_DIR/demo-manifests.git, `main` holding a README), serving the release track, and an
 * "App config" YAML step in the draft v2.6.0 that is published to it. README, "The manifest
 * repository": activate v2.6.0, publish staging as Riley, approve the merge as Alex. Skipped
 * when git is not installed.
 */
const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: {{ namespace }}
  labels:
    app.kubernetes.io/version: "{{ release.version }}"
data:
  customer: "{{ customer.name }}"
  cluster: "{{ cluster.name }}"
`;

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0", GIT_AUTHOR_NAME: "Runsheet demo", GIT_AUTHOR_EMAIL: "demo@runsheet.local", GIT_COMMITTER_NAME: "Runsheet demo", GIT_COMMITTER_EMAIL: "demo@runsheet.local" };

function demoRepository(): string | null {
  const dir = path.resolve(process.env.DATA_DIR || "./data", "demo-manifests.git");
  try {
    if (existsSync(path.join(dir, "HEAD"))) return dir;
    mkdirSync(path.dirname(dir), { recursive: true });
    execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", dir], { env, stdio: "ignore" });
    const work = mkdtempSync(path.join(tmpdir(), "runsheet-demo-manifests-"));
    try {
      execFileSync("git", ["init", "--quiet", "--initial-branch=main", work], { env, stdio: "ignore" });
      writeFileSync(path.join(work, "README.md"), "# Demo manifest repository\n\nRunsheet publishes each customer's manifest here; Argo CD or Flux would apply `main`.\n");
      execFileSync("git", ["add", "."], { cwd: work, env, stdio: "ignore" });
      execFileSync("git", ["commit", "--quiet", "-m", "Start the manifest repository"], { cwd: work, env, stdio: "ignore" });
      execFileSync("git", ["push", "--quiet", dir, "main"], { cwd: work, env, stdio: "ignore" });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return dir;
  } catch {
    return null;
  }
}

export async function seedDemoManifests(db: Db): Promise<void> {
  const [track] = await db.select({ id: tracks.id }).from(tracks).where(sql`${tracks.defaultFor} = 'release'`);
  const [release] = await db.select({ id: releases.id }).from(releases).where(eq(releases.name, "v2.6.0"));
  const [sam] = await db.select({ id: users.id }).from(users).where(eq(users.email, "sam@runsheet.local"));
  if (!track || !release) return;
  const [existing] = await db.select({ id: manifestRepositories.id }).from(manifestRepositories).where(eq(manifestRepositories.trackId, track.id));
  if (existing) return;
  const dir = demoRepository();
  if (!dir) return;
  await db.transaction(async (tx) => {
    await tx.insert(manifestRepositories).values({
      name: "demo-manifests",
      url: `file://${dir}`,
      branch: "main",
      pathPattern: "clusters/{{ cluster.name }}/{{ namespace }}/{{ step.slug }}.yaml",
      trackId: track.id,
    });
    await tx.insert(stepTemplates).values({
      releaseId: release.id,
      name: "App config",
      category: "deploy",
      type: "yaml",
      content: manifest,
      description: "Published to the demo manifest repository: someone other than the publisher approves the merge.",
      execution: "manifest",
      contentById: sam?.id ?? null,
      orderIndex: 2,
    });
  });
}
