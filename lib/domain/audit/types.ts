import type { AuditEntry } from "@/lib/domain/audit/mutations/record";

export type AuditEntityType = AuditEntry["entityType"];

export const auditEntityTypes: Record<AuditEntityType, string> = {
  cluster: "Cluster",
  customer: "Customer",
  release: "Release",
  step_template: "Template step",
  customer_step: "Customer step",
  user: "User",
  session: "Session",
  track: "Track",
  approver_group: "Approver group",
  api_token: "API token",
  webhook: "Webhook",
  fleet: "Fleet import",
  manifest_repository: "Manifest repository",
  manifest_publish: "Manifest publish",
};

/** What the audit page filters by; every field is optional and lives in the URL. */
export type AuditFilters = {
  actorId?: number;
  entityType?: string;
  action?: string;
  /** Inclusive dates, YYYY-MM-DD, read as UTC days. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
};

export type AuditRow = {
  id: number;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
};

export type AuditPage = { rows: AuditRow[]; page: number; pageSize: number; hasPrev: boolean; hasNext: boolean };
