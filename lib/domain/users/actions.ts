"use server";

import { defineAction } from "@/lib/domain/define-action";
import { changePasswordInput, changeRoleInput, createUserInput, setActiveInput } from "./input";
import { changeOwnPassword, changeRole, createUser, setUserActive } from "./mutations";

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
});
