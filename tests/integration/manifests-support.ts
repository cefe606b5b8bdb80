import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { manifestRepositories, releaseStages } from "@/db/schema";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { createTrack } from "@/lib/domain/tracks/mutations/tracks";
import { createActor } from "../support/db";
import { makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "Hand", GIT_AUTHOR_EMAIL: "hand@example.com", GIT_COMMITTER_NAME: "Hand", GIT_COMMITTER_EMAIL: "hand@example.com" };
export const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

/**
 * A real manifest repository made by the test: a bare repository on disk with a `main` that holds
 * one file, and a working clone through which a "person" edits main by hand (cloned over file://).
 */
export function manifestRepository() {
  const root = mkdtempSync(path.join(tmpdir(), "runsheet-manifests-"));
  const bare = path.join(root, "manifests.git");
  const work = path.join(root, "work");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare], { env });
  execFileSync("git", ["init", "--quiet", "--initial-branch=main", work], { env });
  git(work, "remote", "add", "origin", `file://${bare}`);
  writeFileSync(path.join(work, "README.md"), "# Manifests\nArgo CD applies main.\n");
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "Start");
  git(work, "push", "--quiet", "origin", "main");
  process.env.MANIFEST_CACHE_DIR = path.join(root, "cache");
  /** A person's edit on main, pushed (the working clone pulled first). */
  const handEdit = (file: string, content: string) => {
    git(work, "pull", "--quiet", "--ff-only", "origin", "main");
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    writeFileSync(path.join(work, file), content);
    git(work, "add", ".");
    git(work, "commit", "--quiet", "-m", `Hand edit of ${file}`);
    git(work, "push", "--quiet", "origin", "main");
    return git(work, "rev-parse", "HEAD");
  };
  const show = (ref: string, file: string) => git(bare, "show", `${ref}:${file}`);
  const files = (ref: string) => git(bare, "ls-tree", "-r", "--name-only", ref).split("\n").filter(Boolean);
  return { root, bare, url: `file://${bare}`, work, handEdit, show, files, head: (ref = "main") => git(bare, "rev-parse", ref) };
}

export const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: "{{ namespace }}"
data:
  tier: "{{ customer.tier }}"
`;

let seq = 0;

/**
 * An active release on a two-stage track (canary: label wave=canary; production: the rest), a
 * YAML step in "publish" mode, and the track's manifest repository on disk.
 */
export async function manifestRelease(options: { pattern?: string; repository?: ReturnType<typeof manifestRepository>; review?: boolean } = {}) {
  seq++;
  const admin = await createActor("admin");
  const rm = await createActor("release_manager", `Pat Publisher ${seq}`);
  const approver = await createActor("release_manager", `Alex Approver ${seq}`);
  const [east, west] = [await makeCluster({ name: `east-${seq}-${Math.random().toString(36).slice(2, 6)}` }), await makeCluster({ name: `west-${seq}-${Math.random().toString(36).slice(2, 6)}` })];
  const canary = await makeCustomer(east.id, { name: `acme-${seq}`, namespace: `acme-${seq}`, metadata: { wave: "canary", tier: "gold" } });
  const canary2 = await makeCustomer(west.id, { name: `bolt-${seq}`, namespace: `bolt-${seq}`, metadata: { wave: "canary", tier: "silver" } });
  const production = await makeCustomer(west.id, { name: `cora-${seq}`, namespace: `cora-${seq}`, metadata: { tier: "bronze" } });
  const track = await createTrack(
    {
      name: `GitOps ${seq}-${Math.random().toString(36).slice(2, 6)}`,
      description: "",
      defaultFor: "",
      promoterMayNotBeOnlySigner: false,
      agentReviewWaived: false,
      stages: [
        { name: "Canary", clusterIds: [], labelKey: "wave", labelValue: "canary", requiredGroupIds: [], soakHours: 0 },
        { name: "Production", clusterIds: [], labelKey: "", labelValue: "", requiredGroupIds: [], soakHours: 0 },
      ],
    },
    admin,
  );
  const release = await makeRelease({ trackId: track.id, versionNumber: `2.${seq}.0` });
  // Written by the approver: with four eyes asked for, the approver may not be its reviewer.
  const step = await makeTemplate(release.id, { name: "App config", type: "yaml", execution: "manifest", content: manifest, orderIndex: 0, needsReview: options.review ?? false, contentById: approver.id });
  await makeTemplate(release.id, { name: "Smoke test", type: "text", content: "Open the app", orderIndex: 0, category: "verify" });
  await activateRelease({ id: release.id, mode: "clusters", clusterIds: [east.id, west.id], customerIds: [] }, rm);
  const repo = options.repository ?? manifestRepository();
  const [row] = await getDb()
    .insert(manifestRepositories)
    .values({ name: "fleet-manifests", url: repo.url, branch: "main", pathPattern: options.pattern ?? "clusters/{{ cluster.name }}/{{ namespace }}/{{ release.version }}/{{ step.slug }}.yaml", trackId: track.id })
    .returning();
  const stages = await getDb().select().from(releaseStages).where(eq(releaseStages.releaseId, release.id)).orderBy(releaseStages.position);
  return { admin, rm, approver, east, west, canary, canary2, production, track, release, step, repo, repository: row!, stages };
}

export async function repositoryRow(id: number) {
  return (await getDb().select().from(manifestRepositories).where(eq(manifestRepositories.id, id)))[0];
}
