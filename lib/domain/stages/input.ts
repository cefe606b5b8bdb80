import { z } from "zod";
import { id, longText, requiredText } from "@/lib/domain/shared/input";

export const signOffInput = z.object({
  releaseId: id,
  stageId: id,
  groupId: id,
  comment: longText(2_000, "Comment"),
});
export type SignOffInput = z.output<typeof signOffInput>;

export const withdrawSignOffInput = z.object({ releaseId: id, signOffId: id });
export type WithdrawSignOffInput = z.output<typeof withdrawSignOffInput>;

export const promoteInput = z.object({ releaseId: id, stageId: id });
export type PromoteInput = z.output<typeof promoteInput>;

/** Break glass: an admin opens the next stage before its gate is met, and says why. */
export const breakGlassInput = promoteInput.extend({ reason: requiredText(2_000, "Reason") });
export type BreakGlassInput = z.output<typeof breakGlassInput>;
