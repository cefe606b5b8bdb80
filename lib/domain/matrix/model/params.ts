import { statusFilters, type MatrixParams, type OpenClusters, type StatusFilter } from "@/lib/domain/matrix/types";
import type { StepCategory } from "@/db/schema/vocabulary";

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const positive = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Reads a matrix URL's search params; anything malformed falls back to the default. */
export function parseMatrixParams(search: Search): MatrixParams {
  const category: StepCategory = first(search.category) === "verify" ? "verify" : "deploy";
  const status = first(search.status);
  const open = first(search.open);
  let parsedOpen: OpenClusters = "default";
  if (open === "all" || open === "none") parsedOpen = open;
  else if (open) {
    const ids = open.split(/[.,]/).map(positive).filter((n): n is number => n !== undefined);
    parsedOpen = ids.length ? [...new Set(ids)] : "none";
  }
  return {
    category,
    clusterId: positive(first(search.cluster)),
    status: statusFilters.includes(status as StatusFilter) ? (status as StatusFilter) : undefined,
    workLeft: first(search.left) === "1",
    archived: first(search.archived) === "1",
    open: parsedOpen,
  };
}

/** The matrix URL for a state; defaults are left out so shared links stay short. */
export function matrixHref(releaseId: number, p: MatrixParams, extra: { step?: number } = {}): string {
  const q = new URLSearchParams();
  if (p.category !== "deploy") q.set("category", p.category);
  if (p.clusterId !== undefined) q.set("cluster", String(p.clusterId));
  if (p.status) q.set("status", p.status);
  if (p.workLeft) q.set("left", "1");
  if (p.archived) q.set("archived", "1");
  if (p.open !== "default") q.set("open", Array.isArray(p.open) ? p.open.join(".") : p.open);
  if (extra.step) q.set("step", String(extra.step));
  const s = q.toString();
  return `/releases/${releaseId}/matrix${s ? `?${s.replaceAll("%2C", ",")}` : ""}`;
}

/** The open set after toggling one cluster, given which clusters are open now. */
export function toggleOpen(openNow: number[], clusterId: number, allIds: number[]): OpenClusters {
  const next = openNow.includes(clusterId) ? openNow.filter((id) => id !== clusterId) : [...openNow, clusterId];
  if (next.length === 0) return "none";
  if (allIds.every((id) => next.includes(id))) return "all";
  return allIds.filter((id) => next.includes(id));
}
