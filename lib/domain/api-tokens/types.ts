import type { Role } from "@/db/schema/vocabulary";

export type TokenStatus = "active" | "expired" | "revoked";

/** A token as the API tokens page lists it (never the token itself: only its first characters). */
export type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  principal: { id: number; name: string; isServiceAccount: boolean; isActive: boolean };
  createdAt: Date;
  createdByName: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
};

/** What creating a token answers: the token, this once. */
export type CreatedToken = { id: number; name: string; token: string; principalName: string; role: Role; expiresAt: string | null };
