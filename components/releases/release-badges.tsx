import { Badge, type Tone } from "@/components/ui/badge";
import { releaseStatusLabels, releaseTypeLabels } from "@/lib/domain/releases/model/rules";
import type { ReleaseStatus, ReleaseType } from "@/lib/domain/vocabulary";

const typeTones: Record<ReleaseType, Tone> = { onboarding: "violet", release: "blue", hotfix: "red" };
const typeIcons: Record<ReleaseType, string> = { onboarding: "+", release: "⬆", hotfix: "⚡" };

export function ReleaseTypeBadge({ type }: { type: ReleaseType }) {
  return (
    <Badge tone={typeTones[type]}>
      <span aria-hidden>{typeIcons[type]}</span>
      {releaseTypeLabels[type]}
    </Badge>
  );
}

const statusTones: Record<ReleaseStatus, Tone> = { draft: "neutral", active: "green", archived: "amber" };

export function ReleaseStatusBadge({ status }: { status: ReleaseStatus }) {
  return (
    <Badge tone={statusTones[status]}>
      <span
        aria-hidden
        className={
          status === "active"
            ? "size-1.5 rounded-full bg-emerald-500"
            : status === "draft"
              ? "size-1.5 rounded-full border border-zinc-500"
              : "size-1.5 rounded-sm bg-amber-500"
        }
      />
      {releaseStatusLabels[status]}
    </Badge>
  );
}
