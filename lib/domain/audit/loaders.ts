import "server-only";
import { defineLoader, firstParam, rowIdOf, type SearchParams } from "@/lib/domain/define-loader";
import { auditFilterOptions, listAudit } from "@/lib/domain/audit/queries/audit-log";

/** Audit log (admins): one page of entries for the URL's filters, and the filters' choices. */
export const loadAuditPage = defineLoader("admin", async (_actor, raw: SearchParams) => {
  const search = {
    actor: firstParam(raw.actor) || undefined,
    entity: firstParam(raw.entity) || undefined,
    action: firstParam(raw.action) || undefined,
    from: firstParam(raw.from) || undefined,
    to: firstParam(raw.to) || undefined,
    page: firstParam(raw.page) || undefined,
  };
  const [result, options] = await Promise.all([
    listAudit({
      actorId: rowIdOf(search.actor) ?? undefined,
      entityType: search.entity,
      action: search.action,
      from: search.from,
      to: search.to,
      page: Math.min(Number(search.page) || 1, 100_000),
    }),
    auditFilterOptions(),
  ]);
  return { search, result, options };
});
