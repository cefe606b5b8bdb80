import { Badge, type Tone } from "@/components/ui/badge";
import type { Membership, ReleaseStatus, ReleaseType } from "@/lib/domain/dashboard/types";

// The releases area has its own badges; these stay small and alike so the lead can fold them together.
const typeTone: Record<ReleaseType, Tone> = { onboarding: "violet", release: "blue", hotfix: "red" };
const typeIcon: Record<ReleaseType, string> = { onboarding: "＋", release: "⬆", hotfix: "⚡" };
const typeLabel: Record<ReleaseType, string> = { onboarding: "Onboarding", release: "Release", hotfix: "Hotfix" };

export function TypeBadge({ type }: { type: ReleaseType }) {
  return (
    <Badge tone={typeTone[type]}>
      <span aria-hidden>{typeIcon[type]}</span>
      {typeLabel[type]}
    </Badge>
  );
}

const statusTone: Record<ReleaseStatus, Tone> = { draft: "neutral", active: "green", archived: "amber" };
const statusLabel: Record<ReleaseStatus, string> = { draft: "Draft", active: "Active", archived: "Archived" };

export function StatusBadge({ status }: { status: ReleaseStatus }) {
  return <Badge tone={statusTone[status]}>{statusLabel[status]}</Badge>;
}

export function ExcludedBadge({ membership }: { membership: Membership | null }) {
  return membership === "excluded" ? <Badge tone="neutral">Excluded</Badge> : null;
}

/** "v2.5.0", or "Hotfix-2026-11-1 (v2.5.1)" when the version differs from the name. */
export function releaseTitle(r: { name: string; versionNumber: string | null }): string {
  return r.versionNumber && r.versionNumber !== r.name ? `${r.name} (${r.versionNumber})` : r.name;
}
