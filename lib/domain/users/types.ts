import type { Role } from "@/db/schema/vocabulary";

/** One row of the users admin page. */
export type UserRow = {
  id: number;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export type Account = { id: number; name: string; email: string; role: Role; hasPassword: boolean; createdAt: Date };
