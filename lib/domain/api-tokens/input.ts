import { z } from "zod";
import { roles } from "@/db/schema/vocabulary";
import { id, optionalText, requiredText } from "@/lib/domain/shared/input";

/** How long a new token lives; "" is no expiry. */
export const tokenLifetimes = ["", "7", "30", "90", "365"] as const;

export const createTokenInput = z
  .object({
    name: requiredText(100, "Token name"),
    principal: z.enum(["user", "service"], { error: "Choose who the token acts as." }),
    userId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
    serviceAccount: optionalText(100, "Service account"),
    role: z.enum(roles, { error: "Choose a role." }),
    expiresInDays: z.enum(tokenLifetimes, { error: "Choose when the token expires." }).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.principal === "user" && !v.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: "Choose the user the token acts as." });
    if (v.principal === "service" && !v.serviceAccount) {
      ctx.addIssue({ code: "custom", path: ["serviceAccount"], message: "Name the service account (e.g. Jenkins)." });
    }
  });
export type CreateTokenInput = z.output<typeof createTokenInput>;

export const revokeTokenInput = z.object({ tokenId: id });
export type RevokeTokenInput = z.output<typeof revokeTokenInput>;
