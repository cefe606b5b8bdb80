import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { StepCategory, StepStatus, StepType } from "@/db/schema/vocabulary";

/** A customer's step as the API shows it: where it runs, its state, and who did what when. */
export type ApiStep = {
  id: number;
  version: number;
  status: StepStatus;
  release: { id: number; name: string };
  customer: { id: number; name: string; namespace: string; cluster: string };
  step: { templateId: number | null; name: string; category: StepCategory; type: StepType; custom: boolean; overridden: boolean };
  executedAt: string | null;
  executedBy: string | null;
  skipReason: string | null;
  notes: string;
  updatedAt: string;
  updatedBy: string | null;
  /** Done by a merge into the manifest repository: the evidence (null otherwise). */
  manifest: { commitSha: string; path: string; repository: string; branch: string; approvedBy: string | null; publishedBy: string | null } | null;
};

type Raw = {
  id: number;
  version: number;
  status: StepStatus;
  release_id: number;
  release_name: string;
  customer_id: number;
  customer_name: string;
  namespace: string;
  cluster: string;
  template_id: number | null;
  name: string;
  category: StepCategory;
  type: StepType;
  is_custom: boolean;
  is_overridden: boolean;
  executed_at: string | null;
  executed_by: string | null;
  skip_reason: string | null;
  notes: string;
  updated_at: string;
  updated_by: string | null;
  manifest: Record<string, unknown> | string | null;
};

function manifestOf(raw: Raw["manifest"]): ApiStep["manifest"] {
  const m = typeof raw === "string" ? (JSON.parse(raw) as Record<string, unknown>) : raw;
  if (!m) return null;
  const s = (k: string) => (typeof m[k] === "string" ? (m[k] as string) : null);
  return { commitSha: s("commitSha") ?? "", path: s("path") ?? "", repository: s("repository") ?? "", branch: s("branch") ?? "", approvedBy: s("approvedBy"), publishedBy: s("publishedBy") };
}

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Customer steps (not removed) matching `where`, in the checklist's order. */
async function stepsWhere(where: SQL, db: DbOrTx, limit = 1_000_000): Promise<ApiStep[]> {
  const result = await db.execute(sql`
    select s.id, s.version, s.status, r.id as release_id, r.name as release_name,
           c.id as customer_id, c.name as customer_name, c.namespace, k.name as cluster,
           s.template_id, s.name, s.category, s.type, s.is_custom, s.is_overridden,
           ${iso(sql`s.executed_at`)} as executed_at, eu.name as executed_by, s.skip_reason, s.notes,
           ${iso(sql`s.updated_at`)} as updated_at, uu.name as updated_by,
           -- Only a done step carried out by a merge has this evidence (its newest "done" entry's).
           case when s.execution = 'manifest' and s.status = 'done' then
             (select e.detail -> 'manifest' from step_events e where e.customer_step_id = s.id and e.kind = 'marked_done' order by e.id desc limit 1) end as manifest
    from customer_steps s
    join releases r on r.id = s.release_id
    join customers c on c.id = s.customer_id
    join clusters k on k.id = c.cluster_id
    left join users eu on eu.id = s.executed_by_id
    left join users uu on uu.id = s.updated_by_id
    where s.removed_at is null and ${where}
    order by lower(k.name), lower(c.name), c.id, s.category, s.order_index, s.id
    limit ${limit}
  `);
  return (executedRows(result) as Raw[]).map((r) => ({
    id: Number(r.id),
    version: r.version,
    status: r.status,
    release: { id: r.release_id, name: r.release_name },
    customer: { id: r.customer_id, name: r.customer_name, namespace: r.namespace, cluster: r.cluster },
    step: { templateId: r.template_id, name: r.name, category: r.category, type: r.type, custom: r.is_custom, overridden: r.is_overridden },
    executedAt: r.executed_at,
    executedBy: r.executed_by,
    skipReason: r.skip_reason,
    notes: r.notes,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    manifest: manifestOf(r.manifest),
  }));
}

export async function apiStep(stepId: number, db: DbOrTx = getDb()): Promise<ApiStep | null> {
  const [step] = await stepsWhere(sql`s.id = ${stepId}`, db, 1);
  return step ?? null;
}

/** Every step of a release, per customer in cluster and name order (the release's status). */
export function apiReleaseSteps(releaseId: number, db: DbOrTx = getDb()): Promise<ApiStep[]> {
  return stepsWhere(sql`s.release_id = ${releaseId}`, db);
}

export type StepLookup = {
  releaseId: number;
  customer: { id: number } | { cluster: string; namespace: string };
  step: { templateId: number } | { name: string };
};

/**
 * A customer's step found the way a CI job knows it: the release, the customer (id, or cluster
 * and namespace) and the step (template step id, or its name, any case). A step name a customer
 * has twice (a custom step named like a template step) answers both, and the caller says so.
 */
export function findApiSteps(lookup: StepLookup, db: DbOrTx = getDb()): Promise<ApiStep[]> {
  const customer =
    "id" in lookup.customer
      ? sql`c.id = ${lookup.customer.id}`
      : sql`lower(k.name) = lower(${lookup.customer.cluster}) and c.namespace = ${lookup.customer.namespace} and k.deleted_at is null`;
  const step = "templateId" in lookup.step ? sql`s.template_id = ${lookup.step.templateId}` : sql`lower(s.name) = lower(${lookup.step.name})`;
  return stepsWhere(sql`s.release_id = ${lookup.releaseId} and ${customer} and ${step}`, db, 10);
}
