import "server-only";
import { clearReviewsForValues } from "@/lib/domain/content/mutations/reviews";
import { eq, sql } from "drizzle-orm";
import { affectedRows, getDb, type DbOrTx } from "@/db/client";
import { releases, tracks } from "@/db/schema";
import type { ReleaseType } from "@/db/schema/vocabulary";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidField, invalidState, rethrowConstraint } from "@/lib/domain/errors";
import type { CloneReleaseInput, CreateReleaseInput, UpdateReleaseInput } from "@/lib/domain/releases/input";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import { assertNotArchived } from "@/lib/domain/releases/model/rules";
import { staleConflict } from "@/lib/domain/releases/mutations/stale";

const duplicateName = (name: string) =>
  ({ releases_name_unique: invalidField("name", `A release named "${name}" already exists.`) }) as const;

/** The track a release form asked for: the type's default (""), none, or one that exists. */
async function resolveTrack(tx: DbOrTx, input: { type: ReleaseType; track?: string }): Promise<number | null> {
  if (input.track === "none") return null;
  if (!input.track) {
    const [row] = await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.defaultFor, input.type));
    return row?.id ?? null;
  }
  const [row] = await tx.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, Number(input.track)));
  if (!row) throw invalidField("track", "That track no longer exists. Choose another.");
  return row.id;
}

export async function createRelease(input: CreateReleaseInput, actor: Actor): Promise<{ id: number }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(releases)
        .values({
          name: input.name,
          type: input.type,
          versionNumber: input.versionNumber || null,
          releaseDate: input.releaseDate,
          description: input.description,
          metadata: input.metadata,
          trackId: await resolveTrack(tx, input),
          createdById: actor.id,
        })
        .returning({ id: releases.id });
      await recordAudit(tx, actor, {
        action: "release.create",
        entityType: "release",
        entityId: row.id,
        summary: `Created ${input.type} "${input.name}"`,
        after: { ...input },
      });
      return row;
    });
  } catch (error) {
    rethrowConstraint(error, duplicateName(input.name));
  }
}

export async function updateRelease(input: UpdateReleaseInput, actor: Actor): Promise<{ id: number }> {
  try {
    return await getDb().transaction(async (tx) => {
      const current = await lockRelease(tx, input.id);
      assertNotArchived(current.status);
      if (current.type !== input.type && current.status !== "draft") {
        throw invalidField("type", "The type is fixed once a release is active.");
      }
      const [before] = await tx.select().from(releases).where(eq(releases.id, input.id));
      const trackId = input.track === undefined ? before.trackId : await resolveTrack(tx, input);
      if (trackId !== before.trackId && current.status !== "draft") {
        throw invalidField("track", "The track is fixed once a release is active: its stages were set at activation.");
      }
      if (input.expectedUpdatedAt && before.updatedAt.toISOString() !== new Date(input.expectedUpdatedAt).toISOString()) {
        throw await staleConflict(tx, { entityType: "release", entityId: input.id, what: "This release" });
      }
      await tx
        .update(releases)
        .set({
          name: input.name,
          type: input.type,
          versionNumber: input.versionNumber || null,
          releaseDate: input.releaseDate,
          description: input.description,
          metadata: input.metadata,
          trackId,
          updatedAt: new Date(),
        })
        .where(eq(releases.id, input.id));
      if (before.name !== input.name || before.versionNumber !== (input.versionNumber || null) || JSON.stringify(before.metadata) !== JSON.stringify(input.metadata)) {
        await clearReviewsForValues(tx, { releaseId: input.id });
      }
      await recordAudit(tx, actor, {
        action: "release.update",
        entityType: "release",
        entityId: input.id,
        summary: `Edited release "${input.name}"`,
        before: pick(before),
        after: { name: input.name, type: input.type, versionNumber: input.versionNumber || null, releaseDate: input.releaseDate, trackId },
      });
      return { id: input.id };
    });
  } catch (error) {
    rethrowConstraint(error, duplicateName(input.name));
  }
}

/** Active → archived, or draft → archived ("abandon"); see rules.ts for the lifecycle. */
export async function archiveRelease(releaseId: number, actor: Actor): Promise<{ id: number; alreadyArchived: boolean }> {
  return getDb().transaction(async (tx) => {
    const current = await lockRelease(tx, releaseId);
    if (current.status === "archived") return { id: releaseId, alreadyArchived: true };
    await tx
      .update(releases)
      .set({ status: "archived", archivedAt: new Date(), updatedAt: new Date() })
      .where(eq(releases.id, releaseId));
    await recordAudit(tx, actor, {
      action: "release.archive",
      entityType: "release",
      entityId: releaseId,
      summary: current.status === "draft" ? `Abandoned draft "${current.name}"` : `Archived "${current.name}"`,
      before: { status: current.status },
      after: { status: "archived" },
    });
    return { id: releaseId, alreadyArchived: false };
  });
}

/**
 * FR-004: a new draft with the source's live template steps (renumbered 0, 1, 2… per category),
 * never its customers or their steps. Any status may be cloned: it is how an archived release
 * is started again.
 */
export async function cloneRelease(input: CloneReleaseInput, actor: Actor): Promise<{ id: number; templateCount: number }> {
  try {
    return await getDb().transaction(async (tx) => {
      const [source] = await tx.select().from(releases).where(eq(releases.id, input.id));
      if (!source) throw invalidState("The release to clone was not found.");
      if (source.type === "release" && !input.versionNumber) {
        throw invalidField("versionNumber", "A release needs a version, e.g. v2.5.0.");
      }
      const [row] = await tx
        .insert(releases)
        .values({
          name: input.name,
          type: source.type,
          versionNumber: input.versionNumber || null,
          releaseDate: source.releaseDate,
          description: source.description,
          metadata: source.metadata,
          clonedFromId: source.id,
          trackId: source.trackId,
          createdById: actor.id,
        })
        .returning({ id: releases.id });
      // Raw: the builder's INSERT … SELECT must supply every column (ids and defaults included).
      const templateCount = affectedRows(
        await tx.execute(sql`
          insert into step_templates (release_id, name, category, type, content, description, needs_review, execution, content_by_id, order_index)
          select ${row.id}, name, category, type, content, description, needs_review, execution, content_by_id,
                 (row_number() over (partition by category order by order_index, id) - 1)::int
          from step_templates
          where release_id = ${source.id} and deleted_at is null
        `),
      );
      await recordAudit(tx, actor, {
        action: "release.clone",
        entityType: "release",
        entityId: row.id,
        summary: `Cloned "${source.name}" into "${input.name}" (${templateCount} template steps)`,
        after: { clonedFromId: source.id, name: input.name, versionNumber: input.versionNumber || null },
      });
      return { id: row.id, templateCount };
    });
  } catch (error) {
    rethrowConstraint(error, duplicateName(input.name));
  }
}

function pick(r: typeof releases.$inferSelect) {
  return { name: r.name, type: r.type, versionNumber: r.versionNumber, releaseDate: r.releaseDate };
}
