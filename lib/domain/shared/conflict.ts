import { conflict, type DomainError } from "@/lib/domain/errors";

/**
 * How long ago, in words that mean the same in every time zone ("just now", "3 minutes ago",
 * "2 hours ago", "yesterday", "5 days ago"): a server-written message cannot know the reader's
 * clock, and a conflict is almost always a matter of minutes.
 */
export function ago(at: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? "hour" : "hours"} ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/**
 * The one answer a stale edit gets (someone else changed or removed the thing since the user
 * loaded it): who and when, and that nothing of theirs overwrote it.
 */
export function staleEdit(options: { subject: string; by: string | null | undefined; at: Date | null | undefined; removed?: boolean; now?: Date }): DomainError {
  const who = options.by ? `by ${options.by}` : "by someone else";
  const when = options.at ? ` ${ago(options.at, options.now)}` : "";
  return conflict(`${options.subject} was ${options.removed ? "removed" : "changed"} ${who}${when}. Nothing was overwritten: reload to see the latest.`);
}
