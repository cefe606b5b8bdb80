"use server";

import { defineAction } from "@/lib/domain/define-action";
import { createTokenInput, revokeTokenInput } from "./input";
import { createToken, revokeToken } from "./mutations/tokens";

export const createTokenAction = defineAction({
  name: "api_token.create",
  role: "admin",
  verb: "create API tokens",
  input: createTokenInput,
  run: (input, actor) => createToken(actor, input),
  revalidate: () => ["/api-tokens"],
});

export const revokeTokenAction = defineAction({
  name: "api_token.revoke",
  role: "admin",
  verb: "revoke API tokens",
  input: revokeTokenInput,
  run: (input, actor) => revokeToken(actor, input),
  revalidate: () => ["/api-tokens"],
});
