import "server-only";
import { stepManifest } from "@/lib/domain/manifests/queries/publishes";
import { stageLockOf } from "@/lib/domain/stages/queries/stage-lock";
import { releaseStageIdOf } from "@/lib/domain/stages/queries/stage-of";
import { diffLines } from "diff";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db/client";
import { auditLog, clusters, customerSteps, customers, releaseCustomers, releases, stepEvents, stepTemplates, users } from "@/db/schema";
import type { ReleaseMembership } from "@/db/schema/vocabulary";
import { highlight } from "@/lib/highlight";
import { buildHistory } from "@/lib/domain/steps/model/history";
import { compactHistory, shownContent } from "@/lib/domain/steps/model/patch";
import { renderStep, type RenderTarget } from "@/lib/domain/content/model/render-step";
import { valuesFor } from "@/lib/domain/content/model/variables";
import type { RenderedStep } from "@/lib/domain/content/types";
import type { StepRun } from "@/lib/domain/runs/types";
import { lastRunsOf } from "@/lib/domain/runs/queries/last-runs";
import type { CategoryCounts, ClusterRef, CustomerRef, CustomerReleaseView, CustomerStepDTO, ReleaseRef, StepDetail, StepHistoryEntry, StepView } from "@/lib/domain/steps/types";

const executedBy = alias(users, "executed_by");
const updatedBy = alias(users, "updated_by");
const reviewedBy = alias(users, "reviewed_by");
const author = alias(users, "content_author");

const stepColumns = {
  step: customerSteps,
  executedByName: executedBy.name,
  updatedByName: updatedBy.name,
  reviewedByName: reviewedBy.name,
  authorName: author.name,
  authorId: author.id,
  /** The release's track waived four eyes for agent steps (copied at activation). */
  agentReviewWaived: sql<boolean>`coalesce((select rl.agent_review_waived from releases rl where rl.id = ${customerSteps.releaseId}), false)`,
  template: {
    id: stepTemplates.id,
    name: stepTemplates.name,
    content: stepTemplates.content,
    type: stepTemplates.type,
    deletedAt: stepTemplates.deletedAt,
    orderIndex: stepTemplates.orderIndex,
    needsReview: stepTemplates.needsReview,
  },
};

function stepsQuery(db: DbOrTx) {
  return db
    .select(stepColumns)
    .from(customerSteps)
    .leftJoin(executedBy, eq(executedBy.id, customerSteps.executedById))
    .leftJoin(updatedBy, eq(updatedBy.id, customerSteps.updatedById))
    .leftJoin(stepTemplates, eq(stepTemplates.id, customerSteps.templateId))
    .leftJoin(reviewedBy, eq(reviewedBy.id, customerSteps.reviewedById))
    // Who wrote what this customer runs: its own content's author, or the template's.
    .leftJoin(author, eq(author.id, sql`coalesce(${customerSteps.contentById}, ${stepTemplates.contentById})`));
}

type StepRowWithNames = Awaited<ReturnType<ReturnType<typeof stepsQuery>["where"]>>[number];

export function toStepDTO(r: {
  step: typeof customerSteps.$inferSelect;
  executedByName: string | null;
  updatedByName: string | null;
  template?: { deletedAt: Date | null; orderIndex: number | null } | null;
}): CustomerStepDTO {
  const s = r.step;
  const live = r.template && r.template.orderIndex !== null && r.template.deletedAt === null;
  return {
    id: s.id,
    releaseId: s.releaseId,
    customerId: s.customerId,
    templateId: s.templateId,
    name: s.name,
    category: s.category,
    type: s.type,
    content: s.content,
    description: s.description,
    orderIndex: s.orderIndex,
    // One numbering everywhere (checklist, matrix, activity): a template step's place in its
    // template; custom steps and copies of deleted template steps have no number.
    number: !s.isCustom && live ? r.template!.orderIndex! + 1 : null,
    status: s.status,
    source: s.isCustom ? "custom" : s.isOverridden ? "overridden" : "template",
    isCustom: s.isCustom,
    isOverridden: s.isOverridden,
    execution: s.execution,
    runState: s.runState ?? null,
    origin: s.origin,
    executedAt: s.executedAt?.toISOString() ?? null,
    executedByName: r.executedByName,
    skipReason: s.skipReason,
    notes: s.notes,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
    updatedByName: r.updatedByName,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Events (with actor names) and custom-step creators for a set of steps, in two queries. */
async function historiesFor(db: DbOrTx, rows: StepRowWithNames[]): Promise<Map<number, StepHistoryEntry[]>> {
  const ids = rows.map((r) => r.step.id);
  if (ids.length === 0) return new Map();
  const events = await db
    .select({
      id: stepEvents.id,
      stepId: stepEvents.customerStepId,
      kind: stepEvents.kind,
      detail: stepEvents.detail,
      createdAt: stepEvents.createdAt,
      actorName: users.name,
    })
    .from(stepEvents)
    .leftJoin(users, eq(users.id, stepEvents.actorId))
    .where(inArray(stepEvents.customerStepId, ids));
  const customIds = rows.filter((r) => r.step.isCustom).map((r) => String(r.step.id));
  const creators = customIds.length
    ? await db
        .select({ entityId: auditLog.entityId, actorName: auditLog.actorName })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "customer_step"), eq(auditLog.action, "customer_step.add_custom"), inArray(auditLog.entityId, customIds)))
    : [];
  const creatorOf = new Map(creators.map((c) => [Number(c.entityId), c.actorName]));
  const byStep = new Map<number, typeof events>();
  for (const e of events) byStep.set(e.stepId, [...(byStep.get(e.stepId) ?? []), e]);
  return new Map(
    rows.map((r) => [
      r.step.id,
      buildHistory(
        { origin: r.step.origin, createdAt: r.step.createdAt, createdByName: creatorOf.get(r.step.id) ?? null },
        byStep.get(r.step.id) ?? [],
      ),
    ]),
  );
}

/** Line diff that does not flag a last line just because only one side ends with a newline. */
function lineDiff(from: string, to: string) {
  const eol = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
  return diffLines(eol(from), eol(to));
}

async function toStepView(r: StepRowWithNames, history: StepHistoryEntry[], target: RenderTarget, lastRun: StepRun | null = null): Promise<StepView> {
  const t = r.template;
  const step = toStepDTO(r);
  const html = await highlight(step.content, step.type);
  const values = valuesFor(target);
  const rendered = await withHighlight(renderStep(step, target, values), step.type);
  // An override is compared with its template as both will run for this customer.
  const templateRendered = t && t.id !== null && step.isOverridden ? renderStep({ name: t.name, content: t.content, type: t.type }, target, values) : null;
  const template =
    t && t.id !== null
      ? {
          id: t.id,
          name: t.name,
          // Only an override is compared with its template ("View original"); a plain copy holds
          // the same text as the step, which every page and answer would otherwise carry twice.
          content: step.isOverridden ? t.content : "",
          type: t.type,
          deleted: t.deletedAt !== null,
          html: step.isOverridden ? await highlight(t.content, t.type) : "",
          diff: templateRendered ? lineDiff(templateRendered.content, rendered.content) : null,
        }
      : null;
  // Drift: the template's content moved on since this customer's override was made (or kept).
  const drift =
    t && t.id !== null && step.isOverridden && !t.deletedAt && r.step.overrideBase !== null && r.step.overrideBase !== t.content
      ? { base: r.step.overrideBase, templateChange: lineDiff(r.step.overrideBase, t.content) }
      : null;
  const review =
    (t && t.id !== null && t.needsReview && !step.isCustom) || (step.isCustom && r.step.needsReview) || (r.step.execution === "agent" && !r.agentReviewWaived)
      ? { reviewedByName: r.reviewedByName, reviewedAt: r.step.reviewedAt?.toISOString() ?? null, authorId: r.authorId, authorName: r.authorName }
      : null;
  return { step, html, rendered, template, history: compactHistory(history, shownContent({ step, rendered })), drift, review, lastRun };
}

async function withHighlight(r: Omit<RenderedStep, "html">, type: StepView["step"]["type"]): Promise<RenderedStep> {
  return { ...r, html: r.hasVariables && !r.problem ? await highlight(r.content, type) : "" };
}

async function contextOf(db: DbOrTx, releaseId: number, customerId: number) {
  const [row] = await db
    .select({
      release: { id: releases.id, name: releases.name, versionNumber: releases.versionNumber, type: releases.type, status: releases.status },
      customer: { id: customers.id, name: customers.name, namespace: customers.namespace, isActive: customers.isActive },
      cluster: { id: clusters.id, name: clusters.name },
      membership: releaseCustomers.membership,
      // Whether the customer's rollout stage waits (false without stages): the reason is read only then.
      stageWaiting: sql<boolean>`coalesce((select gate.opened_at is null from release_stages gate where gate.id = ${releaseStageIdOf(sql`${releases.id}`, sql`${customers}`)}), false)`,
      values: {
        customer: customers.metadata,
        cluster: clusters.metadata,
        kubeconfigPath: clusters.kubeconfigPath,
        release: releases.metadata,
      },
    })
    .from(releases)
    .innerJoin(customers, eq(customers.id, customerId))
    .innerJoin(clusters, eq(clusters.id, customers.clusterId))
    .leftJoin(releaseCustomers, and(eq(releaseCustomers.releaseId, releases.id), eq(releaseCustomers.customerId, customers.id)))
    .where(eq(releases.id, releaseId));
  if (!row) return undefined;
  const { values, stageWaiting, ...ctx } = row;
  const target: RenderTarget = {
    customer: { name: ctx.customer.name, namespace: ctx.customer.namespace, metadata: values.customer },
    cluster: { name: ctx.cluster.name, kubeconfigPath: values.kubeconfigPath, metadata: values.cluster },
    release: { name: ctx.release.name, versionNumber: ctx.release.versionNumber, metadata: values.release },
    customerId: ctx.customer.id,
    clusterId: ctx.cluster.id,
    releaseId: ctx.release.id,
  };
  // Release stages: a customer whose stage waits has its steps' status locked, and is told why.
  const stageLock = ctx.release.status === "active" && stageWaiting ? await stageLockOf(db, releaseId, customerId) : null;
  return { ctx: { ...(ctx as { release: ReleaseRef; customer: CustomerRef; cluster: ClusterRef; membership: ReleaseMembership | null }), stageLock }, target };
}

/** The customer view (FV-004): one customer's deploy and verify steps in a release, with history. */
export async function getCustomerReleaseView(
  releaseId: number,
  customerId: number,
  db: DbOrTx = getDb(),
): Promise<CustomerReleaseView | null> {
  const found = await contextOf(db, releaseId, customerId);
  if (!found) return null;
  const { ctx, target } = found;
  const rows = await stepsQuery(db)
    .where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.customerId, customerId), isNull(customerSteps.removedAt)))
    .orderBy(asc(customerSteps.category), asc(customerSteps.orderIndex), asc(customerSteps.id));
  const [histories, runs] = await Promise.all([historiesFor(db, rows), lastRunsOf(db, rows.map((r) => r.step.id))]);
  const views = await Promise.all(rows.map((r) => toStepView(r, histories.get(r.step.id) ?? [], target, runs.get(r.step.id) ?? null)));
  const deploy = views.filter((v) => v.step.category === "deploy");
  const verify = views.filter((v) => v.step.category === "verify");
  const count = (list: StepView[]): CategoryCounts => ({
    total: list.length,
    done: list.filter((v) => v.step.status === "done").length,
    skipped: list.filter((v) => v.step.status === "skipped").length,
  });
  return { ...ctx, deploy, verify, counts: { deploy: count(deploy), verify: count(verify) } };
}

/** One step with its release, customer, cluster, template original, history and highlighting (side panel). */
export async function getStepDetail(stepId: number, db: DbOrTx = getDb()): Promise<StepDetail | null> {
  const [row] = await stepsQuery(db).where(eq(customerSteps.id, stepId));
  if (!row) return null;
  const found = await contextOf(db, row.step.releaseId, row.step.customerId);
  if (!found) return null;
  const [histories, runs, manifest] = await Promise.all([
    historiesFor(db, [row]),
    lastRunsOf(db, [row.step.id]),
    row.step.execution === "manifest" ? stepManifest(row.step.id, db) : Promise.resolve(null),
  ]);
  const view = await toStepView(row, histories.get(row.step.id) ?? [], found.target, runs.get(row.step.id) ?? null);
  const ctx = found.ctx;
  return { ...ctx, ...view, removed: row.step.removedAt !== null, manifest };
}
