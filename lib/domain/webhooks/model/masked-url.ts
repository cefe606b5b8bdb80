/**
 * A receiver's URL as lists and the audit log show it: the origin and the first path segment,
 * the rest masked. An incoming-webhook URL (Slack, Mattermost, Teams) is its own secret — it sits
 * in the path (…/services/T0/B0/XXXX) — so only the sealed copy holds it whole.
 */
export function maskUrl(raw: string): string {
  const url = new URL(raw);
  const segments = url.pathname.split("/").filter(Boolean);
  const path = segments.length === 0 ? "" : segments.length === 1 && segments[0].length <= 24 ? `/${segments[0]}` : `/${segments[0].slice(0, 24)}/…`;
  return `${url.origin}${path}${url.search ? "?…" : ""}`;
}
