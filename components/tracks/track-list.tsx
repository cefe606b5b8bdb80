import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { releaseTypeLabels } from "@/lib/domain/releases/model/rules";
import { soakLabel } from "@/lib/domain/stages/model/gate";
import type { ApproverGroup, Track } from "@/lib/domain/tracks/types";

/** Every track: its stages in order, what each holds, who signs it off, and its soak. */
export function TrackList({ tracks, groups, clusters, isAdmin }: { tracks: Track[]; groups: ApproverGroup[]; clusters: Array<{ id: number; name: string }>; isAdmin: boolean }) {
  return (
    <div className="space-y-4">
      {tracks.map((t) => (
        <Card key={t.id} aria-labelledby={`track-${t.id}`} data-testid="track">
          <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
            <div>
              <h2 id={`track-${t.id}`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-zinc-900 dark:text-zinc-100">
                {t.name}
                {t.defaultFor ? <Badge tone="brand">Default for {releaseTypeLabels[t.defaultFor].toLowerCase()}s</Badge> : null}
              </h2>
              {t.description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t.description}</p> : null}
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                {t.promoterMayNotBeOnlySigner ? "Whoever promotes may not be the only signer." : "The promoter may be the only signer."} Used by {t.releases}{" "}
                {t.releases === 1 ? "release" : "releases"}.
              </p>
            </div>
            {isAdmin ? (
              <ButtonLink href={`/tracks/${t.id}/edit`} variant="secondary" size="sm">
                Edit
              </ButtonLink>
            ) : null}
          </div>
          <ol className="grid gap-3 p-4 md:grid-cols-2 xl:grid-cols-4">
            {t.stages.map((s, i) => {
              const holds = [
                s.clusterIds.length ? `cluster ${clusters.filter((c) => s.clusterIds.includes(c.id)).map((c) => c.name).join(", ")}` : "",
                s.labelKey ? `label ${s.labelKey}=${s.labelValue}` : "",
              ].filter(Boolean);
              const last = i === t.stages.length - 1;
              return (
                <li key={s.id} className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
                  <p className="font-semibold text-zinc-900 dark:text-zinc-100">
                    <span className="mr-1.5 text-zinc-500 tabular-nums dark:text-zinc-400">{i + 1}.</span>
                    {s.name}
                  </p>
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    Holds: {holds.length ? holds.join(" with ") : ""}
                    {last ? `${holds.length ? ", and " : ""}every customer no other stage holds` : ""}
                  </p>
                  <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    Sign-offs: {groups.filter((g) => s.requiredGroupIds.includes(g.id)).map((g) => g.name).join(", ") || "none"}
                  </p>
                  {s.soakMinutes ? <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Soak after it: {soakLabel(s.soakMinutes)}</p> : null}
                </li>
              );
            })}
          </ol>
        </Card>
      ))}
    </div>
  );
}
