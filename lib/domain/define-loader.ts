import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth/current-user";
import type { Actor } from "@/lib/auth/roles";
import type { Role } from "@/db/schema/vocabulary";

/**
 * The one way a page, layout or `generateMetadata` reads data (HOUSE.md, "the flow of one
 * request"). The user is established first, every time: without a valid session the call
 * redirects before anything is read, so a forged or revoked cookie renders nothing — a layout's
 * redirect alone does not stop a page that renders beside it. Memoised per request on its
 * arguments, so a page and its metadata share one read.
 */
export function defineLoader<A extends unknown[], T>(role: Role, read: (actor: Actor, ...args: A) => Promise<T>) {
  return cache(async (...args: A): Promise<T> => {
    const actor = await requireUser(role);
    return read(actor, ...args);
  });
}

/** A raw route segment as a row id (a positive 32-bit integer), or null: not found, never a DB error. */
export function rowIdOf(raw: string | string[] | undefined): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d{1,10}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search parameter. */
export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
