import "server-only";
import type { StepExecution } from "@/db/schema/vocabulary";
import { sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import { RELEASE_FILE_KIND, type ReleaseFile } from "@/lib/domain/releases/model/release-file";

/**
 * A release as its file (model/release-file.ts): details, variables, track, live template steps
 * in order; with `customers`, every included customer's steps — overrides, custom steps,
 * statuses, skip reasons and notes. Four reads. Null when the release does not exist.
 */
export async function exportRelease(releaseId: number, options: { customers: boolean }, db: DbOrTx = getDb()): Promise<ReleaseFile | null> {
  const [release] = executedRows(
    await db.execute(sql`
      select r.name, r.type, r.version_number, r.release_date::text as release_date, r.description, r.metadata, t.name as track
      from releases r left join tracks t on t.id = r.track_id where r.id = ${releaseId}
    `),
  );
  if (!release) return null;
  const templates = executedRows(
    await db.execute(sql`
      select category, name, type, description, needs_review, execution, content from step_templates
      where release_id = ${releaseId} and deleted_at is null order by category, order_index, id
    `),
  );
  const step = (t: Record<string, unknown>) => ({
    name: String(t.name),
    type: t.type as ReleaseFile["steps"]["deploy"][number]["type"],
    description: String(t.description),
    needsReview: Boolean(t.needs_review),
    ...(t.execution !== "manual" ? { execution: t.execution as StepExecution } : {}),
    content: String(t.content),
  });
  const file: ReleaseFile = {
    kind: RELEASE_FILE_KIND,
    release: {
      name: String(release.name),
      type: release.type as ReleaseFile["release"]["type"],
      version: (release.version_number as string | null) ?? "",
      targetDate: (release.release_date as string | null) ?? null,
      description: String(release.description),
      variables: (release.metadata as Record<string, string>) ?? {},
      track: (release.track as string | null) ?? null,
    },
    steps: { deploy: templates.filter((t) => t.category === "deploy").map(step), verify: templates.filter((t) => t.category === "verify").map(step) },
  };
  if (options.customers) {
    const rows = executedRows(
      await db.execute(sql`
        select c.name as customer, cl.name as cluster, c.namespace, s.category, s.name, s.is_custom, s.status, s.is_overridden, s.content, s.skip_reason, s.notes
        from release_customers rc
        join customers c on c.id = rc.customer_id
        join clusters cl on cl.id = c.cluster_id
        join customer_steps s on s.release_id = rc.release_id and s.customer_id = c.id and s.removed_at is null
        where rc.release_id = ${releaseId} and rc.membership = 'included'
        order by cl.name, c.name, s.category, s.order_index, s.id
      `),
    );
    const customers: NonNullable<ReleaseFile["customers"]> = [];
    for (const r of rows) {
      let entry = customers.at(-1);
      if (!entry || entry.name !== r.customer) {
        entry = { name: String(r.customer), cluster: String(r.cluster), namespace: String(r.namespace), steps: [] };
        customers.push(entry);
      }
      entry.steps.push({
        category: r.category as "deploy" | "verify",
        name: String(r.name),
        custom: Boolean(r.is_custom),
        status: r.status as NonNullable<ReleaseFile["customers"]>[number]["steps"][number]["status"],
        ...(r.is_overridden || r.is_custom ? { override: String(r.content) } : {}),
        ...(r.skip_reason ? { skipReason: String(r.skip_reason) } : {}),
        ...(r.notes ? { notes: String(r.notes) } : {}),
      });
    }
    file.customers = customers;
  }
  return file;
}
