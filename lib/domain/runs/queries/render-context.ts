import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { renderStep, type RenderTarget } from "@/lib/domain/content/model/render-step";
import type { Metadata } from "@/lib/domain/content/model/variables";
import type { StepType } from "@/db/schema/vocabulary";

export type RenderedForRun = {
  stepId: number;
  type: StepType;
  /** The step's name and content exactly as they run for this customer. */
  name: string;
  content: string;
  /** Variables with no value for this customer (the step must not run with a tag in it), or a template problem. */
  missing: string[];
  problem: string | null;
  namespace: string;
  customerName: string;
  clusterName: string;
  kubeconfigPath: string | null;
  releaseName: string;
  releaseVersion: string | null;
};

const meta = (v: unknown): Metadata => (typeof v === "string" ? (JSON.parse(v) as Metadata) : ((v as Metadata | null) ?? {}));

/**
 * Steps rendered for their customers, as the panel shows them (content/model/render-step.ts), in
 * one read: what a run checks before it queues a step and what an agent is handed when it claims
 * one. The agent never renders: it runs this text.
 */
export async function renderForRun(db: DbOrTx, stepIds: number[]): Promise<Map<number, RenderedForRun>> {
  if (stepIds.length === 0) return new Map();
  const rows = executedRows(
    await db.execute(sql`
      select s.id, s.name, s.type, s.content, s.release_id, s.customer_id, c.cluster_id,
             c.name as customer_name, c.namespace, c.metadata as customer_metadata,
             k.name as cluster_name, k.kubeconfig_path, k.metadata as cluster_metadata,
             r.name as release_name, r.version_number, r.metadata as release_metadata
      from customer_steps s
      join customers c on c.id = s.customer_id
      join clusters k on k.id = c.cluster_id
      join releases r on r.id = s.release_id
      where s.id = any(${`{${stepIds.join(",")}}`}::bigint[])
    `),
  );
  const out = new Map<number, RenderedForRun>();
  for (const r of rows) {
    const target: RenderTarget = {
      customer: { name: String(r.customer_name), namespace: String(r.namespace), metadata: meta(r.customer_metadata) },
      cluster: { name: String(r.cluster_name), kubeconfigPath: (r.kubeconfig_path as string | null) ?? null, metadata: meta(r.cluster_metadata) },
      release: { name: String(r.release_name), versionNumber: (r.version_number as string | null) ?? null, metadata: meta(r.release_metadata) },
      customerId: Number(r.customer_id),
      clusterId: Number(r.cluster_id),
      releaseId: Number(r.release_id),
    };
    const rendered = renderStep({ name: String(r.name), content: String(r.content), type: r.type as StepType }, target);
    out.set(Number(r.id), {
      stepId: Number(r.id),
      type: r.type as StepType,
      name: rendered.name,
      content: rendered.content,
      missing: rendered.missing.map((m) => m.name),
      problem: rendered.problem,
      namespace: target.customer.namespace,
      customerName: target.customer.name,
      clusterName: target.cluster.name,
      kubeconfigPath: target.cluster.kubeconfigPath,
      releaseName: target.release.name,
      releaseVersion: target.release.versionNumber,
    });
  }
  return out;
}
