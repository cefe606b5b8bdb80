import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/bootstrap";
import { id, requiredText } from "@/lib/domain/shared/input";
import { roles } from "@/db/schema/vocabulary";

export const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(320, "Email is too long.")
  .pipe(z.email("Enter an email address, like name@example.com."));

export const newPassword = z
  .string({ error: "Password is required." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

export const role = z.enum(roles, { error: "Choose a role." });

export const createUserInput = z.object({
  name: requiredText(120, "Name"),
  email,
  role,
  password: newPassword,
});

export const changeRoleInput = z.object({ userId: id, role });

export const setActiveInput = z.object({
  userId: id,
  active: z.preprocess((v) => v === true || v === "true", z.boolean()),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
    newPassword,
    confirmPassword: z.string().default(""),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords don't match.", path: ["confirmPassword"] });

export const resetPasswordInput = z
  .object({ userId: id, newPassword, confirmPassword: z.string().default("") })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords don't match.", path: ["confirmPassword"] });

export const sessionKeyInput = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{16}$/, "Unknown session.") });

export const setupInput = z
  .object({
    name: requiredText(120, "Name"),
    email,
    password: newPassword,
    confirmPassword: z.string().default(""),
  })
  .refine((v) => v.password === v.confirmPassword, { message: "The passwords don't match.", path: ["confirmPassword"] });

export type CreateUserInput = z.output<typeof createUserInput>;
export type ChangePasswordInput = z.output<typeof changePasswordInput>;
export type ResetPasswordInput = z.output<typeof resetPasswordInput>;
export type SetupInput = z.output<typeof setupInput>;
