import "server-only";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { clusters, manifestPublishes, manifestRepositories, tracks } from "@/db/schema";
import { seal, unseal } from "@/lib/auth/secret-box";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { DomainError, invalidField, invalidState, notFound, rethrowConstraint } from "@/lib/domain/errors";
import { remoteHeads, RepositoryError } from "@/lib/git/repository";
import { cacheRoot } from "./access";
import type { RepositoryInput, UpdateRepositoryInput } from "@/lib/domain/manifests/input";

type Options = { db?: Db };

/**
 * Reaches the repository before anything is saved: an unreachable URL, a refused token or a
 * branch that is not there is a field error in words, not a surprise at the first publish.
 */
async function checkReachable(input: { url: string; branch: string }, token: string | null): Promise<void> {
  if (ownFiles(input.url)) throw invalidField("url", "That is inside Runsheet's own data folder: give the manifest repository's own path or URL.");
  let heads: Map<string, string>;
  try {
    heads = await remoteHeads({ url: input.url, token }, [input.branch]);
  } catch (e) {
    if (e instanceof RepositoryError) throw invalidField("url", e.message);
    throw e;
  }
  if (!heads.has(input.branch)) throw invalidField("branch", `The repository has no branch "${input.branch}". Push a first commit to it, or give the branch GitOps applies.`);
}

const originOf = (url: string) => {
  try {
    return /^https:/i.test(url) ? new URL(url).origin : "local";
  } catch {
    return url;
  }
};

/**
 * Runsheet's own files are not a repository to publish to: its caches hold other repositories'
 * contents (fetched with their tokens), and its data folder is its database.
 */
function ownFiles(url: string): boolean {
  const local = url.startsWith("file://") ? url.slice(7) : url.startsWith("/") ? url : null;
  if (local === null) return false;
  const resolved = path.resolve(/*turbopackIgnore: true*/ local);
  const cache = cacheRoot();
  const data = process.env.DATA_DIR ? path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR) : null;
  return resolved === cache || resolved.startsWith(`${cache}/`) || resolved === data || resolved.includes("/manifest-cache/") || resolved.includes("/runsheet-manifest-cache/");
}

async function scopeName(db: Db, input: { trackId: number | null; clusterId: number | null }): Promise<string> {
  if (input.trackId !== null) {
    const [t] = await db.select({ name: tracks.name }).from(tracks).where(eq(tracks.id, input.trackId));
    if (!t) throw invalidField("scope", "That track was not found.");
    return `track ${t.name}`;
  }
  const [c] = await db.select({ name: clusters.name }).from(clusters).where(sql`${clusters.id} = ${input.clusterId} and ${clusters.deletedAt} is null`);
  if (!c) throw invalidField("scope", "That cluster was not found.");
  return `cluster ${c.name}`;
}

const taken = {
  manifest_repositories_track_unique: new DomainError("invalid_input", "That track already has a manifest repository.", { fieldErrors: { scope: ["That track already has a manifest repository: edit it."] } }),
  manifest_repositories_cluster_unique: new DomainError("invalid_input", "That cluster already has a manifest repository.", { fieldErrors: { scope: ["That cluster already has a manifest repository: edit it."] } }),
};

export async function createRepository(actor: Actor, input: RepositoryInput, { db = getDb() }: Options = {}): Promise<{ id: number }> {
  const where = await scopeName(db, input);
  await checkReachable(input, input.token || null);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(manifestRepositories)
        .values({ name: input.name, url: input.url, tokenBox: input.token ? seal(input.token) : null, branch: input.branch, pathPattern: input.pathPattern, trackId: input.trackId, clusterId: input.clusterId, createdById: actor.id })
        .returning({ id: manifestRepositories.id });
      await recordAudit(tx, actor, {
        action: "manifest_repository.create",
        entityType: "manifest_repository",
        entityId: row.id,
        summary: `Added manifest repository "${input.name}" (${input.url}, ${input.branch}) for ${where}`,
        after: { name: input.name, url: input.url, branch: input.branch, pathPattern: input.pathPattern, token: input.token ? "(set)" : null, scope: where },
      });
      return { id: row.id };
    });
  } catch (e) {
    rethrowConstraint(e, taken);
  }
}

export async function updateRepository(actor: Actor, input: UpdateRepositoryInput, { db = getDb() }: Options = {}): Promise<{ id: number }> {
  const [before] = await db.select().from(manifestRepositories).where(eq(manifestRepositories.id, input.repositoryId));
  if (!before) throw notFound("That manifest repository");
  const where = await scopeName(db, input);
  // A kept token goes only where it was given for: a new host needs it typed again.
  if (before.tokenBox && !input.token && !input.clearToken && originOf(before.url) !== originOf(input.url)) {
    throw invalidField("token", "The URL now points to another host: enter the token again (a kept token is only sent to the host it was given for), or remove it.");
  }
  const tokenBox = input.clearToken ? null : input.token ? seal(input.token) : before.tokenBox;
  await checkReachable(input, tokenBox ? unseal(tokenBox) : null);
  try {
    return await db.transaction(async (tx) => {
      await tx
        .update(manifestRepositories)
        .set({ name: input.name, url: input.url, tokenBox, branch: input.branch, pathPattern: input.pathPattern, trackId: input.trackId, clusterId: input.clusterId, updatedAt: new Date() })
        .where(eq(manifestRepositories.id, input.repositoryId));
      await recordAudit(tx, actor, {
        action: "manifest_repository.update",
        entityType: "manifest_repository",
        entityId: input.repositoryId,
        summary: `Changed manifest repository "${input.name}"${input.token ? " (new token)" : input.clearToken ? " (token removed)" : ""}`,
        before: { name: before.name, url: before.url, branch: before.branch, pathPattern: before.pathPattern },
        after: { name: input.name, url: input.url, branch: input.branch, pathPattern: input.pathPattern, scope: where },
      });
      return { id: input.repositoryId };
    });
  } catch (e) {
    rethrowConstraint(e, taken);
  }
}

/** Removes a repository no publish refers to (those stay: they are the evidence of what was merged). */
export async function deleteRepository(actor: Actor, input: { repositoryId: number }, { db = getDb() }: Options = {}): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [used] = await tx.select({ id: manifestPublishes.id }).from(manifestPublishes).where(eq(manifestPublishes.repositoryId, input.repositoryId)).limit(1);
    if (used) throw invalidState("This repository has publishes, which are the evidence of what was merged: it stays. Change its URL or branch instead.");
    const [row] = await tx.delete(manifestRepositories).where(eq(manifestRepositories.id, input.repositoryId)).returning({ name: manifestRepositories.name, url: manifestRepositories.url });
    if (!row) throw notFound("That manifest repository");
    await recordAudit(tx, actor, { action: "manifest_repository.delete", entityType: "manifest_repository", entityId: input.repositoryId, summary: `Removed manifest repository "${row.name}" (${row.url})` });
    return { id: input.repositoryId };
  });
}
