"use server";

import { defineAction } from "@/lib/domain/define-action";
import { z } from "zod";
import { changePasswordInput, changeRoleInput, createUserInput, resetPasswordInput, sessionKeyInput, setActiveInput } from "./input";
import { changeOwnPassword, changeRole, createUser, resetUserPassword, setUserActive, signOutOtherSessions, signOutSession } from "@/lib/domain/users/mutations/users";

export const createUserAction = defineAction({
  name: "user.create",
  role: "admin",
  verb: "add users",
  input: createUserInput,
  run: (input, actor) => createUser(actor, input),
  revalidate: () => ["/users"],
});

export const changeRoleAction = defineAction({
  name: "user.change_role",
  role: "admin",
  verb: "change roles",
  input: changeRoleInput,
  run: (input, actor) => changeRole(actor, input),
  revalidate: () => ["/users"],
});

export const setUserActiveAction = defineAction({
  name: "user.set_active",
  role: "admin",
  verb: "disable or enable users",
  input: setActiveInput,
  run: (input, actor) => setUserActive(actor, input),
  revalidate: () => ["/users"],
});

/** Every signed-in user may change their own password (and only their own: the actor is the target). */
export const changeOwnPasswordAction = defineAction({
  name: "user.change_password",
  role: "viewer",
  input: changePasswordInput,
  run: (input, actor) => changeOwnPassword(actor, input),
  revalidate: () => ["/account"],
});

export const resetUserPasswordAction = defineAction({
  name: "user.reset_password",
  role: "admin",
  verb: "set other users' passwords",
  input: resetPasswordInput,
  run: (input, actor) => resetUserPassword(actor, input),
  revalidate: () => ["/users"],
});

/** Your own sessions only: the actor is always the owner. */
export const signOutOtherSessionsAction = defineAction({
  name: "session.sign_out_others",
  role: "viewer",
  input: z.object({}),
  run: (_input, actor) => signOutOtherSessions(actor),
  revalidate: () => ["/account"],
});

export const signOutSessionAction = defineAction({
  name: "session.sign_out_one",
  role: "viewer",
  input: sessionKeyInput,
  run: (input, actor) => signOutSession(actor, input),
  revalidate: () => ["/account"],
});
