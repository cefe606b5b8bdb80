import { Card, CardHeader } from "@/components/ui/card";
import type { Burndown } from "@/lib/domain/releases/model/burndown";
import { formatDay } from "@/lib/time/format";

const W = 380;
const H = 190;
const PAD = { left: 30, right: 10, top: 12, bottom: 24 };
const DAY = 86_400_000;

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const perDayText = (n: number) => (n >= 10 ? Math.round(n).toString() : n.toFixed(1));

/**
 * The release's burndown (server-rendered SVG): steps left to do per day, all and by category,
 * the target date, and the finish projected from the last week's pace — with the same numbers
 * as tables for screen readers and anyone who prefers them. Colours follow the theme.
 */
export function BurndownCard({ burndown }: { burndown: Burndown }) {
  const { points, targetDate, projected } = burndown;
  if (points.length === 0 || points.every((p) => p.all === 0 && p.deploy === 0 && p.verify === 0)) return null;
  const first = ms(points[0].day);
  const lastDay = points.at(-1)!.day;
  const ends = [ms(lastDay), targetDate ? ms(targetDate) : 0, projected ? ms(projected) : 0];
  const last = Math.max(...ends, first + DAY);
  const max = Math.max(1, ...points.map((p) => p.all));
  const x = (t: number) => PAD.left + ((t - first) / (last - first)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const line = (key: "all" | "deploy" | "verify") => points.map((p, i) => `${i ? "L" : "M"}${x(ms(p.day)).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const summary =
    burndown.left === 0
      ? "Nothing left to do."
      : projected
        ? `${burndown.left} steps left; at ${perDayText(burndown.perDay)} a day (last ${burndown.window} days) the work runs out on ${formatDay(projected)}${targetDate ? `, target ${formatDay(targetDate)}` : ""}.`
        : `${burndown.left} steps left; none came off in the last ${burndown.window} days, so no finish can be projected.`;
  const late = projected && targetDate && projected > targetDate;

  return (
    <Card>
      <CardHeader title="Burndown" description="Steps left to do (pending, reverted, failed or unknown), per day from the step history." />
      <div className="space-y-3 px-5 py-4">
        <p className={`text-sm ${late ? "font-medium text-amber-800 dark:text-amber-300" : "text-zinc-700 dark:text-zinc-300"}`} data-testid="burndown-summary">
          {summary}
          {late ? " Later than the target date." : ""}
        </p>
        {burndown.failed || burndown.unknown ? (
          <p className="text-sm font-medium text-red-800 dark:text-red-300" data-testid="burndown-runs">
            Of these, {[burndown.failed ? `${burndown.failed} failed on an agent` : null, burndown.unknown ? `${burndown.unknown} ended with an unknown outcome` : null].filter(Boolean).join(" and ")}: a person decides each (retry, mark done by hand or skip).
          </p>
        ) : null}
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`Burndown chart. ${summary}`} data-testid="burndown-chart">
          <g className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth="1">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} strokeDasharray="2 4" />
          </g>
          <g className="fill-zinc-500 text-[11px] dark:fill-zinc-400">
            <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
              {max}
            </text>
            <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
              0
            </text>
            <text x={PAD.left} y={H - 8}>
              {formatDay(points[0].day)}
            </text>
            <text x={W - PAD.right} y={H - 8} textAnchor="end">
              {formatDay(new Date(last).toISOString().slice(0, 10))}
            </text>
          </g>
          {targetDate ? (
            <g className="stroke-amber-500 fill-amber-700 dark:fill-amber-300">
              <line x1={x(ms(targetDate))} x2={x(ms(targetDate))} y1={PAD.top} y2={y(0)} strokeDasharray="4 3" />
              <text x={x(ms(targetDate)) + 4} y={PAD.top + 10} className="text-[11px]" stroke="none">
                target
              </text>
            </g>
          ) : null}
          {projected ? (
            <line
              x1={x(ms(lastDay))}
              y1={y(points.at(-1)!.all)}
              x2={x(ms(projected))}
              y2={y(0)}
              className="stroke-zinc-400 dark:stroke-zinc-500"
              strokeDasharray="5 4"
              strokeWidth="1.5"
            />
          ) : null}
          <path d={line("deploy")} fill="none" className="stroke-sky-500 dark:stroke-sky-400" strokeWidth="1.5" />
          <path d={line("verify")} fill="none" className="stroke-violet-500 dark:stroke-violet-400" strokeWidth="1.5" strokeDasharray="3 2" />
          <path d={line("all")} fill="none" className="stroke-brand-600 dark:stroke-brand-300" strokeWidth="2.5" />
        </svg>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden>
          <li><span className="mr-1 inline-block h-0.5 w-4 bg-brand-600 align-middle dark:bg-brand-300" />All steps</li>
          <li><span className="mr-1 inline-block h-0.5 w-4 bg-sky-500 align-middle" />Deploy</li>
          <li><span className="mr-1 inline-block h-0.5 w-4 border-t-2 border-dashed border-violet-500 align-middle" />Verify</li>
          {projected ? <li><span className="mr-1 inline-block h-0.5 w-4 border-t-2 border-dashed border-zinc-400 align-middle" />Projected</li> : null}
          {targetDate ? <li><span className="mr-1 inline-block h-3 w-0.5 bg-amber-500 align-middle" />Target date</li> : null}
        </ul>
        {burndown.clusters.length ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Steps left and pace per cluster</caption>
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 font-medium">Cluster</th>
                <th scope="col" className="py-1 text-right font-medium">Left</th>
                <th scope="col" className="py-1 text-right font-medium">Per day (last {burndown.window} days)</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {burndown.clusters.map((k) => (
                <tr key={k.id} className="border-t border-zinc-200 dark:border-zinc-800">
                  <th scope="row" className="py-1 font-normal text-zinc-800 dark:text-zinc-200">{k.name}</th>
                  <td className="py-1 text-right">{k.left}</td>
                  <td className="py-1 text-right">{perDayText(k.perDay)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <details>
          <summary className="cursor-pointer text-sm font-medium text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100">The burndown as a table</summary>
          <table className="mt-2 w-full text-left text-sm" data-testid="burndown-table">
            <caption className="sr-only">Steps left to do at the end of each day</caption>
            <thead className="text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 font-medium">Day (UTC)</th>
                <th scope="col" className="py-1 text-right font-medium">All</th>
                <th scope="col" className="py-1 text-right font-medium">Deploy</th>
                <th scope="col" className="py-1 text-right font-medium">Verify</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {points.map((p, i) =>
                // Days on which nothing changed repeat the day before: listed once.
                i > 0 && i < points.length - 1 && p.all === points[i - 1].all && p.deploy === points[i - 1].deploy ? null : (
                  <tr key={p.day} className="border-t border-zinc-200 dark:border-zinc-800">
                    <th scope="row" className="py-1 font-normal text-zinc-800 dark:text-zinc-200">{formatDay(p.day)}</th>
                    <td className="py-1 text-right">{p.all}</td>
                    <td className="py-1 text-right">{p.deploy}</td>
                    <td className="py-1 text-right">{p.verify}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </details>
      </div>
    </Card>
  );
}
