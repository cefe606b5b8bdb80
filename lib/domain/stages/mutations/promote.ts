import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { releaseStages } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/domain/audit/mutations/record";
import { invalidState, notFound } from "@/lib/domain/errors";
import { lockRelease } from "@/lib/domain/releases/mutations/lock";
import type { BreakGlassInput, PromoteInput } from "../input";
import { getPipeline } from "@/lib/domain/stages/queries/pipeline";
import { gateHolds, holdsSentence } from "@/lib/domain/stages/model/gate";

/**
 * Opens the next stage of a release: explicit, by a release manager, audited. Refused unless the
 * previous stage is complete, its soak time has passed and every required sign-off is recorded;
 * and (segregation of duties, per track) unless someone besides the promoter signed off. Break
 * glass (admins, with a reason) opens it whatever the gate says, and says so everywhere.
 */
export async function promoteStage(input: PromoteInput | BreakGlassInput, actor: Actor, db = getDb()): Promise<{ stageId: number; name: string }> {
  const breakGlass = "reason" in input ? input.reason : null;
  return db.transaction(async (tx) => {
    // The release lock: sign-offs and withdrawals wait for this decision, and two promotions run in turn.
    const release = await lockRelease(tx, input.releaseId);
    if (release.status !== "active") throw invalidState(`This release is ${release.status}: stages open while it is active.`);
    const pipeline = await getPipeline(input.releaseId, tx);
    const stage = pipeline.stages.find((s) => s.id === input.stageId);
    if (!stage) throw notFound("The stage");
    if (stage.openedAt) throw invalidState(`${stage.name} is already open.`);
    const gate = stage.gate;
    if (!gate?.next) throw invalidState(`${stage.name} cannot open before ${pipeline.stages.find((s) => s.gate?.next)?.name ?? "the stage before it"}.`);
    if (!breakGlass) {
      // The same words the release page shows beside the stage (model/gate.ts, gateHolds).
      const holds = gateHolds(stage, actor.id);
      if (holds.length) throw invalidState(holdsSentence(stage.name, holds));
    }
    const [opened] = await tx
      .update(releaseStages)
      .set({ openedAt: sql`now()`, openedById: actor.id, breakGlassReason: breakGlass })
      .where(and(eq(releaseStages.id, stage.id), isNull(releaseStages.openedAt)))
      .returning({ id: releaseStages.id });
    if (!opened) throw invalidState(`${stage.name} is already open.`);
    await recordAudit(tx, actor, {
      action: breakGlass ? "release.break_glass" : "release.promote",
      entityType: "release",
      entityId: release.id,
      summary: breakGlass
        ? `Broke glass: opened ${stage.name} of "${release.name}" early: ${breakGlass}`
        : `Promoted "${release.name}" to ${stage.name}`,
      before: { stage: stage.name, waiting: stage.waitingReason },
      after: {
        stageId: stage.id,
        stage: stage.name,
        signOffs: stage.groups.flatMap((g) => g.signOffs.map((s) => ({ group: g.name, by: s.userName, at: s.at.toISOString() }))),
        ...(breakGlass ? { breakGlass } : {}),
      },
    });
    return { stageId: stage.id, name: stage.name };
  });
}
