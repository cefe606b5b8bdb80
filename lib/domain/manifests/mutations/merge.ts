import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { conflict, invalidState, notFound } from "@/lib/domain/errors";
import { renderForRun } from "@/lib/domain/runs/queries/render-context";
import { stageOpen } from "@/lib/domain/stages/queries/stage-of";
import { awaitingReview } from "@/lib/domain/steps/queries/review-sql";
import { enqueueWebhook } from "@/lib/domain/webhooks/mutations/enqueue";
import { blobsAt, commitTree, fetchBranches, planMerge, pushTo, RepositoryError, withCache } from "@/lib/git/repository";
import type { MergeInput } from "@/lib/domain/manifests/input";
import { cacheDirOf, refusalOf, remoteOf, type RepositoryRow } from "./access";

export type MergeOutcome = { publishId: number; mergedSha: string; mergeKind: string; done: number };

const list = (items: string[]) => `${items.slice(0, 6).join("; ")}${items.length > 6 ? `; and ${items.length - 6} more` : ""}`;

/**
 * Approve and merge a publish: the four-eyes review of the final YAML. Someone other than the
 * publisher (and other than the author of any content awaiting review) approves exactly the commit
 * they looked at; the branch must still be that commit and every step still render to the text
 * that was published. The branch goes into the target branch as a fast-forward or a merge commit;
 * a file someone changed on the target branch meanwhile is a conflict, listed, never forced. Each
 * customer's step is then done, with the merged commit, the file's path and the approver as its
 * evidence, and `manifests.merged` goes out.
 */
export async function mergePublish(actor: Actor, input: MergeInput, { db = getDb() }: { db?: Db } = {}): Promise<MergeOutcome> {
  const [p] = executedRows(
    await db.execute(sql`
      select p.*, r.name as release_name, r.version_number, r.status as release_status, u.name as publisher, m.name as merger,
             mr.id as repo_id, mr.name as repo_name, mr.url as repo_url, mr.token_box, mr.branch as repo_branch, mr.path_pattern
      from manifest_publishes p
      join releases r on r.id = p.release_id
      join manifest_repositories mr on mr.id = p.repository_id
      left join users u on u.id = p.published_by_id
      left join users m on m.id = p.merged_by_id
      where p.id = ${input.publishId}`),
  );
  if (!p) throw notFound("That publish");
  if (p.status === "merged") throw conflict(`Already merged by ${String(p.merger ?? "someone")} at ${String(p.merged_sha).slice(0, 12)}.`);
  if (p.status === "superseded") throw conflict("A newer publish of this branch replaced this one: review that one.");
  if (p.commit_sha !== input.commitSha) throw conflict("This publish is not the commit you looked at any more: reload and review it again.");
  if (p.release_status !== "active") throw invalidState("The release is not active: nothing is merged.");
  if (p.published_by_id !== null && Number(p.published_by_id) === actor.id) throw invalidState("You published these manifests: someone else approves the merge (four eyes).");

  const files = executedRows(
    await db.execute(sql`
      select f.customer_step_id, f.path, f.content, f.blob_sha, f.step_version, s.version, s.status, s.removed_at is not null as removed,
             s.content_by_id, ${awaitingReview("s")} as awaiting, ${stageOpen(sql`s`, sql`c`)} as stage_open, c.is_active, c.name as customer_name, s.name as step_name
      from manifest_files f
      join customer_steps s on s.id = f.customer_step_id
      join customers c on c.id = s.customer_id
      where f.publish_id = ${input.publishId}
      order by f.path`),
  );
  const who = (f: Record<string, unknown>) => `${String(f.customer_name)}'s "${String(f.step_name)}"`;
  const own = files.filter((f) => f.awaiting && f.content_by_id !== null && Number(f.content_by_id) === actor.id);
  if (own.length) throw invalidState(`You wrote the content of ${list(own.map(who))}: its review is someone else's (four eyes).`);
  const closed = files.filter((f) => f.removed || !f.is_active || (f.status !== "pending" && f.status !== "reverted"));
  if (closed.length) throw invalidState(`Since this was published, ${list(closed.map(who))} ${closed.length === 1 ? "was" : "were"} done, skipped, removed or archived: publish again.`);
  const rendered = await renderForRun(db, files.map((f) => Number(f.customer_step_id)));
  const stale = files.filter((f) => {
    const now = rendered.get(Number(f.customer_step_id));
    const text = now ? (now.content.endsWith("\n") ? now.content : `${now.content}\n`) : null;
    return Number(f.version) !== Number(f.step_version) || text !== String(f.content);
  });
  if (stale.length) throw invalidState(`${list(stale.map(who))} changed since this was published (its content, values or settings): publish again, and review what will really be merged.`);
  const gated = files.filter((f) => !f.stage_open);
  if (gated.length) throw invalidState(`The stage of ${list(gated.map(who))} is not open yet: a merge hands the files to GitOps, which applies them at once. Open the stage first.`);

  const repo: RepositoryRow = { id: Number(p.repo_id), name: String(p.repo_name), url: String(p.repo_url), tokenBox: (p.token_box as string | null) ?? null, branch: String(p.repo_branch), pathPattern: String(p.path_pattern) };
  const target = String(p.target_branch);
  const branch = String(p.branch);
  const commit = String(p.commit_sha);
  const dir = cacheDirOf(repo);
  const remote = remoteOf(repo);
  const customers = [...new Set(files.map((f) => String(f.customer_name)))];
  const merged = await withCache(dir, async () => {
    const heads = await fetchBranches(dir, remote, [target, branch]);
    const head = heads.get(target);
    if (!head) throw new RepositoryError("no_branch", `the repository has no branch "${target}" any more.`);
    if (commit === String(p.base_sha)) {
      // Nothing was committed: the target already held every file. It still must, to count.
      const now = await blobsAt(dir, head, files.map((f) => String(f.path)));
      const moved = files.filter((f) => now.get(String(f.path)) !== String(f.blob_sha)).map((f) => String(f.path));
      if (moved.length) return { conflicts: moved };
      return { sha: head, kind: "already on the branch" };
    }
    if (heads.get(branch) !== commit) throw new RepositoryError("moved", `${branch} is not the commit that was published any more (someone pushed to it, or deleted it): publish again.`);
    const planned = await planMerge(dir, head, commit);
    if (planned.kind === "conflict") return { conflicts: planned.files };
    if (planned.kind === "merged") return { sha: head, kind: "already merged" };
    const message = `Merge ${branch}: ${String(p.release_name)} (${String(p.title)})\n\nCustomers (${customers.length}): ${customers.slice(0, 50).join(", ")}\nPublished by: ${String(p.publisher ?? "unknown")}\nApproved by: ${actor.name} <${actor.email}>\n`;
    const sha = planned.kind === "fast-forward" ? commit : await commitTree(dir, { tree: planned.tree, parents: [head, commit], message, author: { name: actor.name, email: actor.email } });
    await pushTo(dir, remote, sha, target);
    return { sha, kind: planned.kind === "fast-forward" ? "fast-forward" : "merge commit" };
  }).catch((e: unknown) => {
    if (e instanceof RepositoryError && e.kind === "moved" && e.message.startsWith(target)) throw conflict(`${target} moved while merging (someone pushed to it): approve again to merge onto the new ${target}.`);
    return refusalOf(repo, e);
  });

  if ("conflicts" in merged && merged.conflicts) {
    await db.execute(sql`update manifest_publishes set conflicts = ${`{${merged.conflicts.map((c) => JSON.stringify(c)).join(",")}}`}::text[] where id = ${input.publishId}`);
    throw invalidState(`Not merged: ${merged.conflicts.length === 1 ? "a file was" : `${merged.conflicts.length} files were`} changed on ${target} since this was published — ${list(merged.conflicts)}. Nothing was forced: publish again to build on the new ${target}, or resolve it in the repository.`);
  }

  return db.transaction(async (tx) => {
    const [locked] = executedRows(await tx.execute(sql`select status from manifest_publishes where id = ${input.publishId} for update`));
    if (locked?.status !== "open") throw conflict("Someone else merged or replaced this publish a moment ago.");
    const evidence = sql`jsonb_build_object('publishId', ${input.publishId}::int, 'commitSha', ${merged.sha}::text, 'path', f.path, 'repository', ${repo.name}::text,
      'url', ${repo.url}::text, 'branch', ${target}::text, 'approvedBy', ${actor.name}::text, 'publishedBy', ${(p.publisher as string | null) ?? null}::text, 'mergeKind', ${merged.kind}::text)`;
    const done = executedRows(
      await tx.execute(sql`
        with upd as (
          update customer_steps s set status = 'done', executed_at = now(), executed_by_id = ${actor.id}, skip_reason = null, run_state = null,
            reviewed_by_id = coalesce(s.reviewed_by_id, ${actor.id}), reviewed_at = coalesce(s.reviewed_at, now()),
            version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
          from manifest_files f
          where f.publish_id = ${input.publishId} and s.id = f.customer_step_id and s.version = f.step_version
            and s.status in ('pending', 'reverted') and s.removed_at is null
          returning s.id, s.release_id, s.customer_id
        )
        insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
        select upd.id, upd.release_id, upd.customer_id, 'marked_done', ${actor.id}, jsonb_build_object('ran', f.content, 'manifest', ${evidence})
        from upd join manifest_files f on f.publish_id = ${input.publishId} and f.customer_step_id = upd.id
        returning customer_step_id`),
    );
    await tx.execute(sql`
      update manifest_publishes set status = 'merged', merged_sha = ${merged.sha}, merge_kind = ${merged.kind}, merged_by_id = ${actor.id}, merged_at = now(), conflicts = '{}'
      where id = ${input.publishId}`);
    await recordAudit(tx, actor, {
      action: "manifests.merge",
      entityType: "manifest_publish",
      entityId: input.publishId,
      summary: `Approved and merged ${String(p.title)} of ${String(p.release_name)} into ${target} of ${repo.name} at ${merged.sha.slice(0, 12)} (${merged.kind}): ${done.length} step${done.length === 1 ? "" : "s"} done`,
      after: { commit: merged.sha, kind: merged.kind, branch, target, files: files.length, done: done.length, publishedBy: p.publisher ?? null },
    });
    await enqueueWebhook(tx, "manifests.merged", {
      release: { id: Number(p.release_id), name: String(p.release_name), version: (p.version_number as string | null) ?? null },
      stage: { name: String(p.title) },
      repository: { name: repo.name, url: repo.url, branch: target },
      sha: merged.sha,
      mergeKind: merged.kind,
      files: files.map((f) => String(f.path)),
      customers,
      by: actor.name,
      publishedBy: p.publisher ?? null,
    });
    return { publishId: input.publishId, mergedSha: merged.sha, mergeKind: merged.kind, done: done.length };
  });
}
