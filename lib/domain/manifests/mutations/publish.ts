import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { conflict, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import { renderForRun, type RenderedForRun } from "@/lib/domain/runs/queries/render-context";
import { blobsAt, commitFiles, fetchBranches, parentOf, pushTo, readBlobs, treeOf, withCache } from "@/lib/git/repository";
import type { PublishInput } from "@/lib/domain/manifests/input";
import { refSegment, renderPath, slug } from "@/lib/domain/manifests/model/path-pattern";
import { publishTargets, repositoriesById, type PublishTarget } from "@/lib/domain/manifests/queries/targets";
import type { PublishOutcome } from "@/lib/domain/manifests/types";
import type { RepositoryRow } from "@/lib/domain/manifests/types";
import { cacheDirOf, refusalOf, remoteOf } from "./access";

type Planned = PublishTarget & { path: string; content: string };

/**
 * Publish: every chosen customer's rendered manifest, written to the repository's path pattern on
 * `runsheet/<release>/<stage>` as one commit (one per repository when a stage spans several),
 * then waiting for someone other than the publisher to approve the merge. Nothing is written
 * while any file has a problem: a missing value, a path that two customers would share. A
 * publish that changes no file commits nothing and says so.
 */
export async function publishManifests(actor: Actor, input: Pick<PublishInput, "releaseId" | "stageId" | "customerIds">, { db = getDb() }: { db?: Db } = {}): Promise<PublishOutcome[]> {
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

  const releaseSegment = refSegment(String(release.version_number ?? "") || String(release.name)) || `release-${input.releaseId}`;
  const customerKey = createHash("sha256").update([...new Set(targets.map((t) => t.customerId))].sort((a, b) => a - b).join(",")).digest("hex").slice(0, 10);
  const scopeSegment = stageName ? refSegment(slug(stageName)) || `stage-${input.stageId}` : everyone ? "all" : `customers-${customerKey}`;
  const title = stageName ?? (everyone ? "All customers" : `${new Set(targets.map((t) => t.customerId)).size} customers`);
  const outcomes: PublishOutcome[] = [];
  for (const [repoId, files] of planned) {
    const repo = repos.get(repoId)!;
    // Two releases with one version in one repository must not share a branch: the later one's gets its id.
    let branch = `runsheet/${releaseSegment}/${scopeSegment}`;
    const [taken] = executedRows(await db.execute(sql`select 1 from manifest_publishes where repository_id = ${repo.id} and branch = ${branch} and release_id <> ${input.releaseId} limit 1`));
    if (taken) branch = `runsheet/${releaseSegment}-${input.releaseId}/${scopeSegment}`;
    outcomes.push(await publishTo(db, actor, { repo, files, branch, title, releaseId: input.releaseId, stageId: input.stageId ?? null, releaseName: String(release.name) }));
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
  // The cache is held until the publish is recorded, so two publishes of one branch in this
  // process are recorded in the order they were pushed.
  return withCache(dir, async () => {
    const heads = await fetchBranches(dir, remote, [repo.branch, branch]);
    const target = heads.get(repo.branch);
    if (!target) throw invalidState(`Manifest repository "${repo.name}" has no branch "${repo.branch}" any more.`);
    const existing = heads.get(branch) ?? null;
    const message = [
      `${releaseName}: publish ${title}`,
      "",
      `Release: ${releaseName}`,
      `Stage: ${title}`,
      `Customers (${customers.length}): ${customers.slice(0, 50).join(", ")}${customers.length > 50 ? ", …" : ""}`,
      `Published by: ${actor.name} <${actor.email}>`,
      "",
    ].join("\n");
    // Always on the target as it is now: the branch holds the target plus exactly these files —
    // nothing an earlier publish left (an archived customer, a renamed step) merges unreviewed.
    const written = await commitFiles(dir, { parent: target, files: files.map((f) => ({ path: f.path, content: f.content })), message, author: { name: actor.name, email: actor.email } });
    let commit = written.commit ?? target;
    let created = written.commit !== null;
    if (created && existing && (await parentOf(dir, existing)) === target && (await treeOf(dir, existing)) === (await treeOf(dir, commit))) {
      // The branch already holds exactly this on this target: identical content is not committed twice.
      commit = existing;
      created = false;
    }
    if (commit !== existing && (created || existing)) await pushTo(dir, remote, commit, branch, existing);
    const base = await blobsAt(dir, target, files.map((f) => f.path));
    const baseTexts = await readBlobs(dir, [...base.values()].filter((b): b is string => b !== null));
    return record(db, actor, { repo, files, branch, title, releaseId, stageId, releaseName, target, commit, created, blobs: written.files.map((f) => f.blob), base, baseTexts, customers });
  }).catch((e: unknown) => refusalOf(repo, e));
}

async function record(
  db: Db,
  actor: Actor,
  r: {
    repo: RepositoryRow;
    files: Planned[];
    branch: string;
    title: string;
    releaseId: number;
    stageId: number | null;
    releaseName: string;
    target: string;
    commit: string;
    created: boolean;
    blobs: string[];
    base: Map<string, string | null>;
    baseTexts: Map<string, string>;
    customers: string[];
  },
): Promise<PublishOutcome> {
  const { repo, files, branch, title, releaseId, stageId, releaseName } = r;
  try {
    return await db.transaction(async (tx) => {
      // The same files at the same step versions, already open on this commit: nothing new to review.
      const wanted = JSON.stringify(files.map((f) => ({ step: f.stepId, version: f.version })));
      const [same] = executedRows(
        await tx.execute(sql`
          select p.id from manifest_publishes p
          where p.release_id = ${releaseId} and p.branch = ${branch} and p.repository_id = ${repo.id} and p.status = 'open' and p.commit_sha = ${r.commit}
            and (select count(*) from manifest_files f where f.publish_id = p.id) = ${files.length}
            and not exists (
              select 1 from jsonb_to_recordset(${wanted}::jsonb) as w(step bigint, version int)
              where not exists (select 1 from manifest_files f where f.publish_id = p.id and f.customer_step_id = w.step and f.step_version = w.version))`),
      );
      if (same) return { publishId: Number(same.id), repository: repo.name, branch, commitSha: r.commit, files: files.length, unchanged: true };
      await tx.execute(sql`update manifest_publishes set status = 'superseded' where repository_id = ${repo.id} and branch = ${branch} and status = 'open'`);
      const [row] = executedRows(
        await tx.execute(sql`
          insert into manifest_publishes (release_id, stage_id, repository_id, title, branch, target_branch, repository_url, base_sha, commit_sha, published_by_id)
          values (${releaseId}, ${stageId}, ${repo.id}, ${title}, ${branch}, ${repo.branch}, ${repo.url}, ${r.target}, ${r.commit}, ${actor.id}) returning id`),
      );
      const publishId = Number(row!.id);
      await tx.execute(sql`
        insert into manifest_files (publish_id, customer_step_id, customer_id, path, content, blob_sha, base_blob_sha, base_content, step_version)
        select ${publishId}, x.step_id, x.customer_id, x.path, x.content, x.blob, x.base, x.base_content, x.version
        from jsonb_to_recordset(${JSON.stringify(
          files.map((f, i) => {
            const base = r.base.get(f.path) ?? null;
            return { step_id: f.stepId, customer_id: f.customerId, path: f.path, content: f.content, blob: r.blobs[i], base, base_content: base ? (r.baseTexts.get(base) ?? null) : null, version: f.version };
          }),
        )}::jsonb)
          as x(step_id bigint, customer_id int, path text, content text, blob text, base text, base_content text, version int)`);
      await recordAudit(tx, actor, {
        action: "manifests.publish",
        entityType: "manifest_publish",
        entityId: publishId,
        summary: `Published ${files.length} manifest${files.length === 1 ? "" : "s"} of ${releaseName} (${title}) to ${repo.name} on ${branch}${r.created ? ` at ${r.commit.slice(0, 12)}` : " (no new commit: the branch or the target already holds them)"}`,
        after: { releaseId, stageId, repository: repo.name, branch, commit: r.commit, files: files.length, customers: r.customers.length },
      });
      return { publishId, repository: repo.name, branch, commitSha: r.commit, files: files.length, unchanged: !r.created };
    });
  } catch (e) {
    rethrowConstraint(e, { manifest_publishes_branch_open: conflict(`${branch} is being merged right now, or was published a moment ago by someone else: reload and look again.`) });
  }
}
