import "server-only";
import { getDb } from "@/db/client";
import { hasAnyUser } from "./bootstrap";

// Users are never hard-deleted, so once one exists setup is over for good: remember that and
// skip the query from then on.
const memo = globalThis as unknown as { __runsheetHasUsers?: boolean };

/** True while the database has no user at all: the app offers the one-time /setup page. */
export async function needsSetup(): Promise<boolean> {
  if (memo.__runsheetHasUsers) return false;
  const any = await hasAnyUser(getDb());
  if (any) memo.__runsheetHasUsers = true;
  return !any;
}
