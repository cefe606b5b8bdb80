const format = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** A timestamp rendered on the server in UTC (no hydration mismatch between time zones). */
export function When({ date, empty = "Never" }: { date: Date | string | null; empty?: string }) {
  if (!date) return <span className="text-zinc-400 dark:text-zinc-500">{empty}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={d.toISOString()} className="tabular-nums whitespace-nowrap">
      {format.format(d)} <span className="text-zinc-400 dark:text-zinc-500">UTC</span>
    </time>
  );
}
