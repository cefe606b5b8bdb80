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
import { blobsAt, changedPaths, commitTree, fetchBranches, planMerge, pushTo, RepositoryError, withCache } from "@/lib/git/repository";
import type { MergeInput } from "@/lib/domain/manifests/input";
import { approvalRefusal } from "@/lib/domain/manifests/model/approval";
import type { RepositoryRow } from "@/lib/domain/manifests/types";
import { cacheDirOf, refusalOf, remoteOf } from "./access";

export type MergeOutcome = { publishId: number; mergedSha: string; mergeKind: string; done: number; notDone: number };

/** A merge that a crashed process left "merging" is taken over after this long. */
const STALE_MERGE_MINUTES = 10;

const list = (items: string[]) => `${items.slice(0, 6).join("; ")}${items.length > 6 ? `; and ${items.length - 6} more` : ""}`;

type Row = Record<string, unknown>;

/**
 * Approve and merge a publish: the four-eyes review of the final YAML. A person other than the
 * publisher (and other than the author of any content awaiting review) approves exactly the commit
 * they looked at; every step must still render to the text that was published. The approval
 * claims the publish first ("merging"), so a push to the target branch always ends recorded: the
 * branch goes in as a fast-forward or a merge commit, and the merged tree must hold exactly the
 * published files — a file someone changed on the target branch meanwhile is a conflict, listed,
 * never forced, and the publish is open again. Each customer's step is then done, with the merged
 * commit, the file's path and the approver as its evidence, and `manifests.merged` goes out.
 */
export async function mergePublish(actor: Actor, input: MergeInput, { db = getDb() }: { db?: Db } = {}): Promise<MergeOutcome> {
  const p = await claim(db, actor, input);
  try {
    const files = await checkFiles(db, actor, input.publishId);
    const merged = await mergeInGit(p, files, actor);
    if ("conflicts" in merged) {
      await release(db, input.publishId, merged.conflicts);
      throw invalidState(
        `Not merged: ${merged.conflicts.length === 1 ? "a file was" : `${merged.conflicts.length} files were`} changed on ${String(p.target_branch)} since this was published — ${list(merged.conflicts)}. Nothing was forced: publish again to build on the new ${String(p.target_branch)}, and review the new diff.`,
      );
    }
    return await finish(db, actor, p, files, merged);
  } catch (e) {
    // Refused before anything was pushed: the publish is open again for another look.
    if (!(e instanceof Pushed)) await release(db, input.publishId, null);
    throw e instanceof Pushed ? e.cause : e;
  }
}

/** Thrown when a failure came after the push: the publish stays "merging" until an approval records it. */
class Pushed extends Error {
  constructor(readonly cause: unknown) {
    super("pushed");
  }
}

async function claim(db: Db, actor: Actor, input: MergeInput): Promise<Row> {
  return db.transaction(async (tx) => {
    const [p] = executedRows(
      await tx.execute(sql`
        select p.*, p.merging_since < now() - make_interval(mins => ${STALE_MERGE_MINUTES}) as stale_merge,
               r.name as release_name, r.version_number, r.status as release_status, u.name as publisher, m.name as merger,
               mr.id as repo_id, mr.name as repo_name, mr.url as repo_url, mr.token_box, mr.branch as repo_branch, mr.path_pattern,
               (select bool_or(q.published_by_id = ${actor.id}) from manifest_publishes q where q.release_id = p.release_id and q.commit_sha = p.commit_sha) as published_this_commit,
               (select is_service_account from users where id = ${actor.id}) as service
        from manifest_publishes p
        join releases r on r.id = p.release_id
        join manifest_repositories mr on mr.id = p.repository_id
        left join users u on u.id = p.published_by_id
        left join users m on m.id = p.merged_by_id
        where p.id = ${input.publishId}
        for update of p`),
    );
    if (!p) throw notFound("That publish");
    if (p.status === "merged") throw conflict(`Already merged by ${String(p.merger ?? "someone")} at ${String(p.merged_sha).slice(0, 12)}.`);
    if (p.status === "superseded") throw conflict("A newer publish of this branch replaced this one: review that one.");
    if (p.status === "merging" && !p.stale_merge) throw conflict("Someone is approving this publish right now.");
    if (p.commit_sha !== input.commitSha) throw conflict("This publish is not the commit you looked at any more: reload and review it again.");
    if (p.release_status !== "active") throw invalidState("The release is not active: nothing is merged.");
    const refused = approvalRefusal({
      serviceAccount: Boolean(p.service),
      publishedIt: p.published_by_id !== null && Number(p.published_by_id) === actor.id,
      publishedThisCommit: Boolean(p.published_this_commit),
      wroteStep: null,
    });
    if (refused) throw invalidState(refused);
    await tx.execute(sql`update manifest_publishes set status = 'merging', merging_since = now() where id = ${input.publishId}`);
    return p;
  });
}

async function release(db: Db, publishId: number, conflicts: string[] | null): Promise<void> {
  await db.execute(sql`
    update manifest_publishes set status = 'open', merging_since = null
      ${conflicts ? sql`, conflicts = array(select jsonb_array_elements_text(${JSON.stringify(conflicts)}::jsonb))` : sql``}
    where id = ${publishId} and status = 'merging'`);
}

async function checkFiles(db: Db, actor: Actor, publishId: number): Promise<Row[]> {
  const files = executedRows(
    await db.execute(sql`
      select f.customer_step_id, f.path, f.content, f.blob_sha, s.status, s.execution, s.removed_at is not null as removed,
             coalesce(s.content_by_id, t.content_by_id) as author_id, ${awaitingReview("s")} as awaiting, ${stageOpen(sql`s`, sql`c`)} as stage_open,
             c.is_active, c.name as customer_name, s.name as step_name
      from manifest_files f
      join customer_steps s on s.id = f.customer_step_id
      left join step_templates t on t.id = s.template_id
      join customers c on c.id = s.customer_id
      where f.publish_id = ${publishId}
      order by f.path`),
  );
  const who = (f: Row) => `${String(f.customer_name)}'s "${String(f.step_name)}"`;
  const own = files.filter((f) => f.awaiting && f.author_id !== null && Number(f.author_id) === actor.id);
  if (own.length) throw invalidState(approvalRefusal({ serviceAccount: false, publishedIt: false, publishedThisCommit: false, wroteStep: list(own.map(who)) })!);
  const closed = files.filter((f) => f.removed || !f.is_active || (f.status !== "pending" && f.status !== "reverted") || f.execution !== "manifest");
  if (closed.length) throw invalidState(`Since this was published, ${list(closed.map(who))} ${closed.length === 1 ? "was" : "were"} done, skipped, removed, archived or set to another mode: publish again.`);
  const rendered = await renderForRun(db, files.map((f) => Number(f.customer_step_id)));
  const stale = files.filter((f) => {
    const now = rendered.get(Number(f.customer_step_id));
    const text = now ? (now.content.endsWith("\n") ? now.content : `${now.content}\n`) : null;
    return text !== String(f.content);
  });
  if (stale.length) throw invalidState(`${list(stale.map(who))} changed since this was published (its content or values): publish again, and review what will really be merged.`);
  const gated = files.filter((f) => !f.stage_open);
  if (gated.length) throw invalidState(`The stage of ${list(gated.map(who))} is not open yet: a merge hands the files to GitOps, which applies them at once. Open the stage first.`);
  return files;
}

type Merged = { sha: string; kind: string } | { conflicts: string[] };

async function mergeInGit(p: Row, files: Row[], actor: Actor): Promise<Merged> {
  const repo: RepositoryRow = { id: Number(p.repo_id), name: String(p.repo_name), url: String(p.repo_url), tokenBox: (p.token_box as string | null) ?? null, branch: String(p.repo_branch), pathPattern: String(p.path_pattern) };
  const target = String(p.target_branch);
  const branch = String(p.branch);
  const commit = String(p.commit_sha);
  const dir = cacheDirOf(repo);
  const remote = remoteOf(repo);
  const paths = files.map((f) => String(f.path));
  const customers = [...new Set(files.map((f) => String(f.customer_name)))];
  /** Does `tree` hold exactly the published files? The ones it does not are conflicts. */
  const differing = async (tree: string) => {
    const now = await blobsAt(dir, tree, paths);
    return files.filter((f) => now.get(String(f.path)) !== String(f.blob_sha)).map((f) => String(f.path));
  };
  return withCache(dir, async (): Promise<Merged> => {
    const heads = await fetchBranches(dir, remote, [target, branch]);
    const head = heads.get(target);
    if (!head) throw new RepositoryError("no_branch", `the repository has no branch "${target}" any more.`);
    if (commit !== String(p.base_sha) && heads.get(branch) !== commit) {
      // Unless the target already holds it (a merge whose record a crash lost), the branch must still be what was reviewed.
      const done = await differing(head);
      if (done.length) throw new RepositoryError("moved", `${branch} is not the commit that was published any more (someone pushed to it, or deleted it): publish again.`, branch);
      return { sha: head, kind: "already on the branch" };
    }
    const planned = commit === String(p.base_sha) ? ({ kind: "merged" } as const) : await planMerge(dir, head, commit);
    if (planned.kind === "conflict") return { conflicts: planned.files };
    if (planned.kind === "merged") {
      // Already in the target (nothing was committed, or merged by hand): it counts only while the target holds exactly these files.
      const moved = await differing(head);
      return moved.length ? { conflicts: moved } : { sha: head, kind: "already on the branch" };
    }
    if (planned.kind === "merge") {
      // A clean three-way merge may still have merged lines of someone's edit into a published
      // file: what merges must be exactly what was reviewed, and nothing else may change.
      // (The publish commit is the target at publish time plus these files, so against the target
      // as it is now the merge may change these files and nothing else.)
      const moved = await differing(planned.tree);
      const stray = (await changedPaths(dir, head, planned.tree)).filter((x) => !paths.includes(x));
      if (moved.length || stray.length) return { conflicts: [...moved, ...stray] };
    }
    const message = `Merge ${branch}: ${String(p.release_name)} (${String(p.title)})\n\nCustomers (${customers.length}): ${customers.slice(0, 50).join(", ")}\nPublished by: ${String(p.publisher ?? "unknown")}\nApproved by: ${actor.name} <${actor.email}>\n`;
    const sha = planned.kind === "fast-forward" ? commit : await commitTree(dir, { tree: planned.tree, parents: [head, commit], message, author: { name: actor.name, email: actor.email } });
    await pushTo(dir, remote, sha, target);
    return { sha, kind: planned.kind === "fast-forward" ? "fast-forward" : "merge commit" };
  }).catch((e: unknown) => {
    if (e instanceof RepositoryError && e.kind === "moved" && e.branch === target) throw conflict(`${target} moved while merging (someone pushed to it): approve again to merge onto the new ${target}.`);
    return refusalOf(repo, e);
  });
}

async function finish(db: Db, actor: Actor, p: Row, files: Row[], merged: { sha: string; kind: string }): Promise<MergeOutcome> {
  const publishId = Number(p.id);
  const target = String(p.target_branch);
  try {
    return await db.transaction(async (tx) => {
      const evidence = sql`jsonb_build_object('publishId', ${publishId}::int, 'commitSha', ${merged.sha}::text, 'path', f.path, 'repository', ${String(p.repo_name)}::text,
        'url', ${String(p.repo_url)}::text, 'branch', ${target}::text, 'approvedBy', ${actor.name}::text, 'publishedBy', ${(p.publisher as string | null) ?? null}::text, 'mergeKind', ${merged.kind}::text)`;
      // Steps decided by hand meanwhile stay as they are; the approver is recorded as the reviewer
      // only of content someone else wrote.
      const done = executedRows(
        await tx.execute(sql`
          with upd as (
            update customer_steps s set status = 'done', executed_at = now(), executed_by_id = ${actor.id}, skip_reason = null, run_state = null,
              reviewed_by_id = case when coalesce(s.content_by_id, (select t.content_by_id from step_templates t where t.id = s.template_id)) is distinct from ${actor.id}
                                    then coalesce(s.reviewed_by_id, ${actor.id}) else s.reviewed_by_id end,
              reviewed_at = case when s.reviewed_by_id is null and coalesce(s.content_by_id, (select t.content_by_id from step_templates t where t.id = s.template_id)) is distinct from ${actor.id}
                                 then now() else s.reviewed_at end,
              version = s.version + 1, updated_by_id = ${actor.id}, updated_at = now()
            from manifest_files f
            where f.publish_id = ${publishId} and s.id = f.customer_step_id and s.status in ('pending', 'reverted') and s.removed_at is null
            returning s.id, s.release_id, s.customer_id
          )
          insert into step_events (customer_step_id, release_id, customer_id, kind, actor_id, detail)
          select upd.id, upd.release_id, upd.customer_id, 'marked_done', ${actor.id}, jsonb_build_object('ran', f.content, 'manifest', ${evidence})
          from upd join manifest_files f on f.publish_id = ${publishId} and f.customer_step_id = upd.id
          returning customer_step_id`),
      );
      await tx.execute(sql`
        update manifest_publishes set status = 'merged', merging_since = null, merged_sha = ${merged.sha}, merge_kind = ${merged.kind}, merged_by_id = ${actor.id}, merged_at = now(), conflicts = '{}'
        where id = ${publishId}`);
      const notDone = files.length - done.length;
      await recordAudit(tx, actor, {
        action: "manifests.merge",
        entityType: "manifest_publish",
        entityId: publishId,
        summary: `Approved and merged ${String(p.title)} of ${String(p.release_name)} into ${target} of ${String(p.repo_name)} at ${merged.sha.slice(0, 12)} (${merged.kind}): ${done.length} step${done.length === 1 ? "" : "s"} done${notDone ? `, ${notDone} decided by hand meanwhile` : ""}`,
        after: { commit: merged.sha, kind: merged.kind, branch: String(p.branch), target, files: files.length, done: done.length, publishedBy: p.publisher ?? null },
      });
      await enqueueWebhook(tx, "manifests.merged", {
        release: { id: Number(p.release_id), name: String(p.release_name), version: (p.version_number as string | null) ?? null },
        stage: { name: String(p.title) },
        repository: { name: String(p.repo_name), url: String(p.repo_url), branch: target },
        sha: merged.sha,
        mergeKind: merged.kind,
        files: files.map((f) => String(f.path)),
        customers: [...new Set(files.map((f) => String(f.customer_name)))],
        by: actor.name,
        publishedBy: p.publisher ?? null,
      });
      return { publishId, mergedSha: merged.sha, mergeKind: merged.kind, done: done.length, notDone };
    });
  } catch (e) {
    // The commit is in the target branch already: the publish stays "merging", and approving again records it.
    throw new Pushed(e);
  }
}
