import "server-only";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { unseal } from "@/lib/auth/secret-box";
import { invalidState } from "@/lib/domain/errors";
import { RepositoryError, type Remote } from "@/lib/git/repository";
import type { RepositoryRow } from "@/lib/domain/manifests/types";


/** The remote as git reaches it: the token unsealed here, at the moment of use, and nowhere else. */
export function remoteOf(repo: RepositoryRow): Remote {
  const url = repo.url;
  if (!repo.tokenBox) return { url, token: null };
  const token = unseal(repo.tokenBox);
  if (token === null) throw invalidState(`The token of manifest repository "${repo.name}" cannot be read (AUTH_SECRET changed?): an admin enters it again.`);
  return { url, token };
}

/**
 * The server's bare cache of a repository: under MANIFEST_CACHE_DIR, else DATA_DIR, else the
 * system's temporary folder. Keyed by the URL, so two databases (or an edited URL) never share one.
 */
export function cacheRoot(): string {
  const root = process.env.MANIFEST_CACHE_DIR || (process.env.DATA_DIR ? path.join(/*turbopackIgnore: true*/ process.env.DATA_DIR, "manifest-cache") : path.join(/*turbopackIgnore: true*/ tmpdir(), "runsheet-manifest-cache"));
  return path.resolve(/*turbopackIgnore: true*/ root);
}

export function cacheDirOf(repo: Pick<RepositoryRow, "url">): string {
  return path.join(/*turbopackIgnore: true*/ cacheRoot(), `${createHash("sha256").update(repo.url).digest("hex").slice(0, 20)}.git`);
}

/** A Git failure as the domain's refusal, in words (the repository's name first). */
export function refusalOf(repo: { name: string }, error: unknown): never {
  if (error instanceof RepositoryError) throw invalidState(`Manifest repository "${repo.name}": ${error.message}`);
  throw error;
}
