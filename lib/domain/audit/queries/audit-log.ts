import "server-only";
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { AuditFilters, AuditPage, AuditRow } from "@/lib/domain/audit/types";

export const AUDIT_PAGE_SIZE = 50;
const day = /^\d{4}-\d{2}-\d{2}$/;

const columns = {
  id: auditLog.id,
  actorId: auditLog.actorId,
  actorName: auditLog.actorName,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  summary: auditLog.summary,
  before: auditLog.before,
  after: auditLog.after,
  createdAt: auditLog.createdAt,
};

function utcDay(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value || !day.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

function where(filters: AuditFilters): SQL | undefined {
  const from = utcDay(filters.from);
  const to = utcDay(filters.to, 1); // the "to" day is included
  return and(
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.entityType ? eq(auditLog.entityType, filters.entityType) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    from ? gte(auditLog.createdAt, from) : undefined,
    to ? lt(auditLog.createdAt, to) : undefined,
  );
}

/**
 * The audit log newest first, filtered, one page at a time. Fetches one row more than a page to
 * know whether there is a next page, instead of counting the whole (ever-growing) table.
 */
export async function listAudit(filters: AuditFilters = {}): Promise<AuditPage> {
  const pageSize = Math.min(Math.max(filters.pageSize ?? AUDIT_PAGE_SIZE, 1), 200);
  const page = Math.max(Math.floor(filters.page ?? 1), 1);
  const rows: AuditRow[] = await getDb()
    .select(columns)
    .from(auditLog)
    .where(where(filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), page, pageSize, hasPrev: page > 1, hasNext: rows.length > pageSize };
}

/** Choices for the audit page's filters: every account, and every action recorded so far. */
export async function auditFilterOptions(): Promise<{ actors: Array<{ id: number; name: string }>; actions: string[] }> {
  const db = getDb();
  const [actors, actions] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(sql`lower(${users.name})`)),
    db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
  ]);
  return { actors, actions: actions.map((a) => a.action) };
}
