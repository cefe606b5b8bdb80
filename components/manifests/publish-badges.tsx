import { Badge } from "@/components/ui/badge";
import type { PublishStatus } from "@/lib/domain/manifests/types";

const words: Record<PublishStatus, { label: string; tone: "amber" | "green" | "neutral" }> = {
  open: { label: "Awaiting approval", tone: "amber" },
  merging: { label: "Merging…", tone: "amber" },
  merged: { label: "Merged", tone: "green" },
  superseded: { label: "Replaced", tone: "neutral" },
};

export function PublishStatusBadge({ status }: { status: PublishStatus }) {
  const w = words[status];
  return <Badge tone={w.tone}>{w.label}</Badge>;
}

/** A commit id as people read it: its first 12 characters, the whole one on hover and to copy. */
export function Sha({ sha }: { sha: string }) {
  return (
    <code className="rounded bg-zinc-100 px-1 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200" title={sha}>
      {sha.slice(0, 12)}
    </code>
  );
}
