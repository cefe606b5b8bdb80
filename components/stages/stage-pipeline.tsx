import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { Permissions } from "@/lib/auth/roles";
import { gateHolds, soakLabel } from "@/lib/domain/stages/model/gate";
import type { Pipeline, StageView } from "@/lib/domain/stages/types";
import { BreakGlassDialog, PromoteDialog, SignOffDialog, WithdrawSignOffButton } from "./stage-actions";

type Viewer = { id: number; groupIds: number[]; breakGlassBy: string[] };

const stateBadge = { done: { tone: "green", label: "✓ Done" }, open: { tone: "blue", label: "Open" }, waiting: { tone: "amber", label: "Waiting" } } as const;

/**
 * The release's stage pipeline at a glance (release page header): each stage done ✓ / open /
 * waiting, its customers, the sign-offs collected n of m and who is still missing, the soak
 * countdown, break glass shown loudly; and the decisions the viewer may take right there.
 */
export function StagePipeline({ releaseId, active, pipeline, viewer, can }: { releaseId: number; active: boolean; pipeline: Pipeline; viewer: Viewer; can: Permissions }) {
  return (
    <Card aria-labelledby="stages-title" data-testid="stage-pipeline">
      <CardHeader
        title={<span id="stages-title">Rollout stages</span>}
        description={pipeline.trackName ? `Track “${pipeline.trackName}”: each stage opens when the one before is complete and its sign-offs are in.` : "Each stage opens when the one before is complete and its sign-offs are in."}
      />
      <ol className="grid grid-cols-1 gap-3 p-4 md:grid-cols-[repeat(auto-fit,minmax(17rem,1fr))]">
        {pipeline.stages.map((stage, i) => (
          <StageCard key={stage.id} stage={stage} index={i} releaseId={releaseId} active={active} viewer={viewer} can={can} />
        ))}
      </ol>
    </Card>
  );
}

function StageCard({ stage, index, releaseId, active, viewer, can }: { stage: StageView; index: number; releaseId: number; active: boolean; viewer: Viewer; can: Permissions }) {
  const badge = stateBadge[stage.state];
  const signed = stage.groups.filter((g) => g.signOffs.length > 0).length;
  const waiting = stage.state === "waiting";
  const gate = stage.gate;
  return (
    <li
      data-testid="stage"
      data-stage={stage.name}
      data-state={stage.state}
      aria-label={`Stage ${index + 1}, ${stage.name}: ${badge.label.replace("✓ ", "")}`}
      className={`flex flex-col gap-3 rounded-lg border p-4 ${stage.breakGlassReason ? "border-red-300 dark:border-red-500/50" : "border-zinc-200 dark:border-zinc-800"} ${waiting ? "bg-zinc-50 dark:bg-zinc-900/40" : "bg-white dark:bg-zinc-900"}`}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            <span className="mr-1.5 text-zinc-500 tabular-nums dark:text-zinc-400">{index + 1}.</span>
            {stage.name}
          </h3>
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{stage.holds}</p>
        </div>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </div>

      <p className="text-xs text-zinc-700 tabular-nums dark:text-zinc-300">
        {stage.complete} of {stage.customers} {stage.customers === 1 ? "customer" : "customers"} complete
        {stage.openedAt ? (
          <>
            {" · opened "}
            <Time value={stage.openedAt} />
            {stage.openedByName ? ` by ${stage.openedByName}` : ""}
          </>
        ) : null}
        {stage.soakMinutes > 0 ? ` · soak ${soakLabel(stage.soakMinutes)} after it` : ""}
      </p>

      {stage.breakGlassReason ? (
        <p role="note" className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 ring-1 ring-red-200 ring-inset dark:bg-red-500/10 dark:text-red-200 dark:ring-red-500/30">
          <strong className="font-semibold">Break glass:</strong> opened early by {stage.openedByName ?? "an admin"}: {stage.breakGlassReason}
        </p>
      ) : null}

      {stage.groups.length ? (
        <div>
          <p className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            Sign-offs {signed} of {stage.groups.length}
            {waiting && signed < stage.groups.length ? (
              <span className="font-normal text-zinc-600 dark:text-zinc-400"> · missing {stage.groups.filter((g) => g.signOffs.length === 0).map((g) => g.name).join(", ")}</span>
            ) : null}
          </p>
          <ul className="mt-1.5 space-y-1.5" aria-label={`Sign-offs for ${stage.name}`}>
            {stage.groups.map((group) => {
              const mine = group.signOffs.find((s) => s.userId === viewer.id);
              const canSign = active && waiting && !mine && viewer.groupIds.includes(group.id);
              return (
                <li key={group.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
                  <span aria-hidden className={group.signOffs.length ? "text-emerald-600 dark:text-emerald-400" : "text-zinc-400"}>
                    {group.signOffs.length ? "✓" : "○"}
                  </span>
                  <span className="font-medium text-zinc-800 dark:text-zinc-200">{group.name}</span>
                  {group.signOffs.length ? (
                    group.signOffs.map((s) => (
                      <span key={s.id} className="text-zinc-600 dark:text-zinc-400">
                        {s.userName}, <Time value={s.at} />
                        {s.comment ? <span className="italic"> “{s.comment}”</span> : null}
                        {active && waiting && s.userId === viewer.id ? <WithdrawSignOffButton releaseId={releaseId} signOffId={s.id} stageName={stage.name} groupName={group.name} /> : null}
                      </span>
                    ))
                  ) : (
                    <span className="text-amber-700 dark:text-amber-300">waiting</span>
                  )}
                  {canSign ? <SignOffDialog releaseId={releaseId} stageId={stage.id} stageName={stage.name} group={group} /> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {waiting && gate ? <GateSection stage={stage} releaseId={releaseId} active={active} viewer={viewer} can={can} /> : null}
    </li>
  );
}

const listed = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`);

/**
 * A waiting stage's gate for the person looking: exactly what holds it back, with numbers (the
 * rules promoteStage applies, gateHolds), Promote only when it would succeed, and who can open it
 * early otherwise.
 */
function GateSection({ stage, releaseId, active, viewer, can }: { stage: StageView; releaseId: number; active: boolean; viewer: Viewer; can: Permissions }) {
  const gate = stage.gate!;
  const holds = gateHolds(stage, viewer.id);
  const decides = active && gate.next;
  return (
    <div className="mt-auto space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800" data-testid="stage-gate">
      {holds.length ? (
        <div className="text-xs text-zinc-700 dark:text-zinc-300" data-testid="stage-reason">
          <p className="font-medium">{gate.next ? `${stage.name} is held back by:` : `${stage.name} waits for ${gate.previousName ?? "the stage before"}.`}</p>
          {gate.next ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-4">
              {holds.map((h) => (
                <li key={h.kind + h.text}>
                  {h.text}
                  {h.soakEndsAt ? (
                    <>
                      {" "}
                      <Time value={h.soakEndsAt} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="text-xs font-medium text-emerald-700 dark:text-emerald-300" data-testid="stage-reason">
          Every condition holds: {stage.name} can open now.
        </p>
      )}
      {decides && holds.length === 0 && can.manageReleases ? (
        <PromoteDialog releaseId={releaseId} stageId={stage.id} stageName={stage.name} signers={stage.groups.flatMap((g) => g.signOffs.map((s) => `${s.userName} (${g.name})`))} />
      ) : null}
      {decides && holds.length > 0 ? (
        can.admin ? (
          <BreakGlassDialog releaseId={releaseId} stageId={stage.id} stageName={stage.name} reason={holds.map((h) => h.text).join("; ")} />
        ) : can.manageReleases ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Only an admin can open it before then, with a reason (break glass){viewer.breakGlassBy.length ? `: ask ${listed(viewer.breakGlassBy)}` : ""}.
          </p>
        ) : null
      ) : null}
    </div>
  );
}
