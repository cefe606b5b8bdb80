import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import { renderForRun, type RenderedForRun } from "@/lib/domain/runs/queries/render-context";
import { blobsAt, commitFiles, fetchBranches, isAncestor, pushTo, readBlobs, withCache } from "@/lib/git/repository";
import type { PublishInput } from "@/lib/domain/manifests/input";
import { renderPath, segment, slug } from "@/lib/domain/manifests/model/path-pattern";
import { publishTargets, repositoriesById, type PublishTarget } from "@/lib/domain/manifests/queries/targets";
import type { PublishOutcome } from "@/lib/domain/manifests/types";
import { cacheDirOf, refusalOf, remoteOf, type RepositoryRow } from "./access";

type Planned = PublishTarget & { path: string; content: string };

/**
 * Publish: every chosen customer's rendered manifest, written to the repository's path pattern on
 * `runsheet/<release>/<stage>` as one commit (one per repository when a stage spans several),
 * then waiting for someone other than the publisher to approve the merge. Nothing is written
 * while any file has a problem: a missing value, a path that two customers would share. A
 * publish that changes no file commits nothing and says so.
 */
export async function publishManifests(actor: Actor, input: PublishInput, { db = getDb() }: { db?: Db } = {}): Promise<PublishOutcome[]> {
  const [release] = executedRows(await db.execute(sql`select id, name, version_number, status from releases where id = ${input.releaseId}`));
  if (!release) throw notFound("The release");
  if (release.status !== "active") throw invalidState("Only an active release's manifests are published: activate it first.");
  let stageName: string | null = null;
  if (input.stageId !== undefined) {
    const [stage] = executedRows(await db.execute(sql`select name from release_stages where id = ${input.stageId} and release_id = ${input.releaseId}`));
    if (!stage) throw notFound("That stage");
    stageName = String(stage.name);
  }
  const targets = await publishTargets(db, input.stageId !== undefined ? { releaseId: input.releaseId, stageId: input.stageId } : { releaseId: input.releaseId, customerIds: input.customerIds });
  const everyone = input.stageId === undefined && input.customerIds.length === 0;
  const where = stageName ? `${stageName}'s customers` : everyone ? "this release" : "these customers";
  if (!targets.length) throw invalidState(`No open YAML step in "publish to manifest repository" mode for ${where}: nothing to publish.`);
  const homeless = targets.filter((t) => t.repositoryId === null);
  if (homeless.length) {
    const clusters = [...new Set(homeless.map((t) => t.clusterName))];
    throw invalidState(`No manifest repository for ${clusters.join(", ")} (nor for the release's track): an admin adds one under Admin → Manifest repositories.`);
  }
  const repos = await repositoriesById(db, [...new Set(targets.map((t) => t.repositoryId!))]);
  const rendered = await renderForRun(db, targets.map((t) => t.stepId));
  const planned = plan(targets, rendered, repos, { name: String(release.name), version: (release.version_number as string | null) ?? null });

  const releaseSegment = segment(String(release.version_number ?? "") || String(release.name)) || `release-${input.releaseId}`;
  const scopeSegment = stageName ? slug(stageName) : everyone ? "all" : `customers-${[...new Set(targets.map((t) => t.customerId))].sort((a, b) => a - b).join("-").slice(0, 60)}`;
  const title = stageName ?? (everyone ? "All customers" : `${new Set(targets.map((t) => t.customerId)).size} customers`);
  const outcomes: PublishOutcome[] = [];
  for (const [repoId, files] of planned) {
    const repo = repos.get(repoId)!;
    outcomes.push(await publishTo(db, actor, { repo, files, branch: `runsheet/${releaseSegment}/${scopeSegment}`, title, releaseId: input.releaseId, stageId: input.stageId ?? null, releaseName: String(release.name) }));
  }
  return outcomes;
}

function plan(targets: PublishTarget[], rendered: Map<number, RenderedForRun>, repos: Map<number, RepositoryRow>, release: { name: string; version: string | null }): Map<number, Planned[]> {
  const problems: string[] = [];
  const byRepo = new Map<number, Planned[]>();
  const owner = new Map<string, string>();
  for (const t of targets) {
    const r = rendered.get(t.stepId)!;
    const who = `${t.customerName}'s "${r.name}"`;
    if (r.problem) problems.push(`${who}: ${r.problem}`);
    else if (r.missing.length) problems.push(`${who} needs a value for ${r.missing.map((m) => `{{ ${m} }}`).join(", ")}`);
    const repo = repos.get(t.repositoryId!)!;
    const p = renderPath(repo.pathPattern, {
      "cluster.name": t.clusterName,
      namespace: t.namespace,
      "customer.name": t.customerName,
      "release.version": release.version || release.name,
      "release.name": release.name,
      "step.slug": slug(r.name),
    });
    if ("problem" in p) {
      problems.push(`${who}: ${p.problem}`);
      continue;
    }
    const key = `${repo.id}:${p.path}`;
    const first = owner.get(key);
    if (first) problems.push(`${p.path} would hold both ${first} and ${who}: make the path pattern tell them apart (add {{ cluster.name }} or {{ customer.name }}, or rename a step).`);
    owner.set(key, who);
    byRepo.set(repo.id, [...(byRepo.get(repo.id) ?? []), { ...t, path: p.path, content: r.content.endsWith("\n") ? r.content : `${r.content}\n` }]);
  }
  if (problems.length) throw invalidState(`Nothing was published. ${problems.slice(0, 8).join("; ")}${problems.length > 8 ? `; and ${problems.length - 8} more` : ""}.`);
  return byRepo;
}

async function publishTo(
  db: Db,
  actor: Actor,
  { repo, files, branch, title, releaseId, stageId, releaseName }: { repo: RepositoryRow; files: Planned[]; branch: string; title: string; releaseId: number; stageId: number | null; releaseName: string },
): Promise<PublishOutcome> {
  const remote = remoteOf(repo);
  const dir = cacheDirOf(repo);
  const customers = [...new Set(files.map((f) => f.customerName))];
  const git = await withCache(dir, async () => {
    const heads = await fetchBranches(dir, remote, [repo.branch, branch]);
    const target = heads.get(repo.branch);
    if (!target) throw invalidState(`Manifest repository "${repo.name}" has no branch "${repo.branch}" any more.`);
    const existing = heads.get(branch) ?? null;
    // A branch whose work is already merged starts again from the target: no stale base.
    const parent = existing && !(await isAncestor(dir, existing, target)) ? existing : target;
    const message = [
      `${releaseName}: publish ${title}`,
      "",
      `Release: ${releaseName}`,
      `Stage: ${title}`,
      `Customers (${customers.length}): ${customers.slice(0, 50).join(", ")}${customers.length > 50 ? ", …" : ""}`,
      `Published by: ${actor.name} <${actor.email}>`,
      "",
    ].join("\n");
    const written = await commitFiles(dir, { parent, files: files.map((f) => ({ path: f.path, content: f.content })), message, author: { name: actor.name, email: actor.email } });
    if (written.commit) await pushTo(dir, remote, written.commit, branch, existing);
    else if (existing && parent !== existing) await pushTo(dir, remote, parent, branch, existing);
    const base = await blobsAt(dir, target, files.map((f) => f.path));
    const baseTexts = await readBlobs(dir, [...base.values()].filter((b): b is string => b !== null));
    return { target, commit: written.commit ?? parent, created: written.commit !== null, blobs: written.files.map((f) => f.blob), base, baseTexts };
  }).catch((e: unknown) => refusalOf(repo, e));

  return db.transaction(async (tx) => {
    const [same] = git.created
      ? []
      : executedRows(await tx.execute(sql`select id from manifest_publishes where release_id = ${releaseId} and branch = ${branch} and repository_id = ${repo.id} and status = 'open' and commit_sha = ${git.commit}
          and (select count(*) from manifest_files f where f.publish_id = manifest_publishes.id) = ${files.length}
          and not exists (select 1 from manifest_files f where f.publish_id = manifest_publishes.id and f.customer_step_id <> all(${`{${files.map((f) => f.stepId).join(",")}}`}::bigint[]))`));
    if (same) return { publishId: Number(same.id), repository: repo.name, branch, commitSha: git.commit, files: files.length, unchanged: true };
    await tx.execute(sql`update manifest_publishes set status = 'superseded' where release_id = ${releaseId} and branch = ${branch} and repository_id = ${repo.id} and status = 'open'`);
    const [row] = executedRows(
      await tx.execute(sql`
        insert into manifest_publishes (release_id, stage_id, repository_id, title, branch, target_branch, repository_url, base_sha, commit_sha, published_by_id)
        values (${releaseId}, ${stageId}, ${repo.id}, ${title}, ${branch}, ${repo.branch}, ${repo.url}, ${git.target}, ${git.commit}, ${actor.id}) returning id`),
    );
    const publishId = Number(row!.id);
    await tx.execute(sql`
      insert into manifest_files (publish_id, customer_step_id, customer_id, path, content, blob_sha, base_blob_sha, base_content, step_version)
      select ${publishId}, x.step_id, x.customer_id, x.path, x.content, x.blob, x.base, x.base_content, x.version
      from jsonb_to_recordset(${JSON.stringify(
        files.map((f, i) => {
          const base = git.base.get(f.path) ?? null;
          return { step_id: f.stepId, customer_id: f.customerId, path: f.path, content: f.content, blob: git.blobs[i], base, base_content: base ? (git.baseTexts.get(base) ?? null) : null, version: f.version };
        }),
      )}::jsonb)
        as x(step_id bigint, customer_id int, path text, content text, blob text, base text, base_content text, version int)`);
    await recordAudit(tx, actor, {
      action: "manifests.publish",
      entityType: "manifest_publish",
      entityId: publishId,
      summary: `Published ${files.length} manifest${files.length === 1 ? "" : "s"} of ${releaseName} (${title}) to ${repo.name} on ${branch}${git.created ? ` at ${git.commit.slice(0, 12)}` : " (no change: the branch already holds them)"}`,
      after: { releaseId, stageId, repository: repo.name, branch, commit: git.commit, files: files.length, customers: customers.length },
    });
    return { publishId, repository: repo.name, branch, commitSha: git.commit, files: files.length, unchanged: !git.created };
  });
}
