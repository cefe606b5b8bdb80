import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { releases, stepTemplates, tracks } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { assertKnownVariables } from "@/lib/domain/content/model/check";
import { knownVariableNames } from "@/lib/domain/content/queries/known-names";
import { DomainError, invalidField, rethrowConstraint } from "@/lib/domain/errors";
import { parseReleaseYaml, type ReleaseFile } from "@/lib/domain/releases/model/release-file";
import type { ImportPreview } from "@/lib/domain/releases/types";


/** The file read and checked against the product's rules, without writing: what the import would create. */
export function readReleaseFile(text: string, name?: string): { file: ReleaseFile; preview: ImportPreview } {
  const parsed = parseReleaseYaml(text);
  if (!parsed.ok) throw new DomainError("invalid_input", parsed.message, { fieldErrors: parsed.fieldErrors });
  const file = name ? { ...parsed.file, release: { ...parsed.file.release, name } } : parsed.file;
  return {
    file,
    preview: {
      name: file.release.name,
      type: file.release.type,
      version: file.release.version,
      track: file.release.track,
      variables: Object.keys(file.release.variables).length,
      deploy: file.steps.deploy.map((s) => s.name),
      verify: file.steps.verify.map((s) => s.name),
      customersInFile: file.customers?.length ?? 0,
    },
  };
}

/**
 * Imports a release file as a new draft: the release, its variables and track (by name), and its
 * template steps in order — one transaction, the same rules as the forms (unique name, known
 * variables, YAML content, a track that exists). Customer states in the file are left out: a
 * draft has none; activation gives them.
 */
export async function importRelease(input: { text: string; name?: string }, actor: Actor): Promise<{ id: number; templateSteps: number }> {
  const { file } = readReleaseFile(input.text, input.name);
  try {
    return await getDb().transaction(async (tx) => {
      let trackId: number | null = null;
      if (file.release.track) {
        const [track] = await tx.select({ id: tracks.id }).from(tracks).where(sql`lower(${tracks.name}) = lower(${file.release.track})`);
        if (!track) throw invalidField("release.track", `There is no track named "${file.release.track}". Create it first, or remove the line.`);
        trackId = track.id;
      }
      const [row] = await tx
        .insert(releases)
        .values({
          name: file.release.name,
          type: file.release.type,
          versionNumber: file.release.version || null,
          releaseDate: file.release.targetDate,
          description: file.release.description,
          metadata: file.release.variables,
          trackId,
          createdById: actor.id,
        })
        .returning({ id: releases.id });
      const steps = (["deploy", "verify"] as const).flatMap((category) => file.steps[category].map((s, i) => ({ ...s, category, orderIndex: i, path: `steps.${category}.${i}` })));
      let known: Set<string> | null = null;
      for (const s of steps) {
        try {
          await assertKnownVariables({ name: s.name, content: s.content }, async () => (known ??= await knownVariableNames(tx, row.id)));
        } catch (error) {
          if (error instanceof DomainError && error.fieldErrors) {
            const [[field, messages]] = Object.entries(error.fieldErrors);
            throw invalidField(`${s.path}.${field}`, `${s.path}.${field}: ${messages[0]}`);
          }
          throw error;
        }
      }
      if (steps.length) {
        await tx.insert(stepTemplates).values(
          steps.map((s) => ({ releaseId: row.id, name: s.name, category: s.category, type: s.type, content: s.content, description: s.description, needsReview: s.needsReview, execution: s.execution ?? "manual", contentById: actor.id, orderIndex: s.orderIndex })),
        );
      }
      await recordAudit(tx, actor, {
        action: "release.import",
        entityType: "release",
        entityId: row.id,
        summary: `Imported "${file.release.name}" from a release file (${steps.length} template steps)`,
        after: { name: file.release.name, type: file.release.type, track: file.release.track, templateSteps: steps.length },
      });
      return { id: row.id, templateSteps: steps.length };
    });
  } catch (error) {
    rethrowConstraint(error, { releases_name_unique: invalidField("name", `A release named "${file.release.name}" already exists. Give the import another name.`) });
  }
}
