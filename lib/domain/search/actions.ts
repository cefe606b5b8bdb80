"use server";

import { defineAction } from "@/lib/domain/define-action";
import { searchEverything } from "@/lib/domain/search/queries/search";
import { searchInput } from "./input";

/** The command palette's search: a read, so any signed-in user (viewers included) may ask. */
export const searchAction = defineAction({
  name: "search",
  role: "viewer",
  input: searchInput,
  run: (input) => searchEverything(input.q),
});
