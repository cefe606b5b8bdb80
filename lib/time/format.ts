/**
 * One way to show a moment, everywhere (pure, so the browser and tests share it). Times are in the
 * viewer's time zone: the browser's, or a zone passed in (tests, exports).
 *
 *   relative:  "just now", "5 min ago", "today 14:05", "yesterday 14:05", "Mon 14:05",
 *              "12 Nov 14:05", "12 Nov 2025"
 *   absolute:  "2 Dec 2026, 14:05 PST"  (the zone named: lists, hover text, exports)
 *   date:      "2 Dec 2026"              (calendar dates such as target dates: no zone)
 */
type Zone = string | undefined;

const parts = (d: Date, zone: Zone) => {
  const f = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => f.find((p) => p.type === type)?.value ?? "";
  // Zone abbreviations read best in en-US ("PST", "CET"); en-GB would say "GMT-8".
  const zoneName = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), weekday: get("weekday"), hour: get("hour"), minute: get("minute"), zone: zoneName };
};

/** The calendar day of a moment in a zone, as a sortable number (for "today"/"yesterday"). */
const dayNumber = (d: Date, zone: Zone) => {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  return Math.round(Date.parse(`${p}T00:00:00Z`) / 86_400_000);
};

export function formatAbsolute(d: Date, zone?: Zone): string {
  const p = parts(d, zone);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.zone}`;
}

export function formatRelative(d: Date, now: Date, zone?: Zone): string {
  const seconds = Math.round((now.getTime() - d.getTime()) / 1000);
  if (seconds < 45 && seconds > -45) return "just now";
  if (seconds > 0 && seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  const p = parts(d, zone);
  const hm = `${p.hour}:${p.minute}`;
  const days = dayNumber(now, zone) - dayNumber(d, zone);
  if (days === 0) return `today ${hm}`;
  if (days === 1) return `yesterday ${hm}`;
  if (days > 1 && days < 7) return `${p.weekday} ${hm}`;
  if (p.year === parts(now, zone).year) return `${p.day} ${p.month} ${hm}`;
  return `${p.day} ${p.month} ${p.year}`;
}

/** A calendar date ("2026-12-01") as "1 Dec 2026": the same day in every zone. */
export function formatDay(isoDay: string): string {
  const [y, m, d] = isoDay.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** The viewer's zone as a reader would name it: "America/Los_Angeles (PST)". */
export function zoneLabel(now: Date, zone?: Zone): string {
  const name = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${name} (${parts(now, zone).zone})`;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(fromIsoDay: string, toIsoDay: string): number {
  return Math.round((Date.parse(`${toIsoDay}T00:00:00Z`) - Date.parse(`${fromIsoDay}T00:00:00Z`)) / 86_400_000);
}
