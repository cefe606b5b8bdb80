import "server-only";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";
import { highlight } from "@/lib/highlight";
import type { StepCategory, StepType } from "@/lib/domain/templates/input";
import type { TemplateStepView } from "@/lib/domain/templates/types";

type Row = {
  id: number;
  release_id: number;
  name: string;
  category: StepCategory;
  type: StepType;
  content: string;
  description: string;
  order_index: number;
  version: number;
  untouched: number;
  kept: number;
};

const select = (releaseId: number, where: ReturnType<typeof sql>) => sql`
  select t.id, t.release_id, t.name, t.category, t.type, t.content, t.description, t.order_index, t.version,
         coalesce(i.untouched, 0)::int as untouched, coalesce(i.kept, 0)::int as kept
  from step_templates t
  left join (
    select template_id,
           count(*) filter (where status = 'pending' and not is_overridden) as untouched,
           count(*) filter (where not (status = 'pending' and not is_overridden)) as kept
    from customer_steps where release_id = ${releaseId} and removed_at is null and template_id is not null
    group by template_id
  ) i on i.template_id = t.id
  where t.release_id = ${releaseId} and t.deleted_at is null and ${where}
  order by t.category, t.order_index, t.id
`;

async function toView(r: Row): Promise<TemplateStepView> {
  return {
    id: r.id,
    releaseId: r.release_id,
    name: r.name,
    category: r.category,
    type: r.type,
    content: r.content,
    description: r.description,
    orderIndex: r.order_index,
    version: r.version,
    html: await highlight(r.content, r.type),
    untouchedCopies: r.untouched,
    keptCopies: r.kept,
  };
}

/** A release's live template steps by category, in order, highlighted, with edit impact. */
export async function getTemplateSteps(releaseId: number): Promise<Record<StepCategory, TemplateStepView[]>> {
  const rows = rowsOf<Row>(await getDb().execute(select(releaseId, sql`true`)));
  const views = await Promise.all(rows.map(toView));
  return { deploy: views.filter((v) => v.category === "deploy"), verify: views.filter((v) => v.category === "verify") };
}

export async function getTemplateStep(releaseId: number, templateId: number): Promise<TemplateStepView | null> {
  const [row] = rowsOf<Row>(await getDb().execute(select(releaseId, sql`t.id = ${templateId}`)));
  return row ? toView(row) : null;
}
