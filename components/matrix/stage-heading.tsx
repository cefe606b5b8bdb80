import type { MatrixStage } from "@/lib/domain/matrix/types";

const words = { done: "✓ Done", open: "Open", waiting: "Waiting" } as const;
const tones = {
  done: "text-emerald-800 dark:text-emerald-300",
  open: "text-sky-800 dark:text-sky-300",
  waiting: "text-amber-800 dark:text-amber-300",
} as const;

/** The element that says why a waiting stage's cells are locked (the cells point to it). */
export const stageReasonId = (stageId: number) => `stage-${stageId}-reason`;

/** A stage's band above its clusters in the matrix (customers grouped by stage, then cluster). */
export function StageHeading({ stage }: { stage: MatrixStage }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 pt-2" data-testid="matrix-stage" data-stage={stage.name}>
      <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
        <span className="mr-1.5 text-zinc-500 tabular-nums dark:text-zinc-400">Stage {stage.position}</span>
        {stage.name}
      </h2>
      <span className={`text-xs font-semibold ${tones[stage.state]}`}>{words[stage.state]}</span>
      {stage.locked ? (
        <span id={stageReasonId(stage.id)} className="text-xs text-zinc-700 dark:text-zinc-300">
          {stage.locked}
        </span>
      ) : null}
    </div>
  );
}
