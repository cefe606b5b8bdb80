import { z } from "zod";
import { requiredText } from "@/lib/domain/shared/input";
import { SEARCH_MAX } from "@/lib/domain/shared/search-text";

/** What the command palette sends: the text typed, trimmed, 1–100 characters. */
export const searchInput = z.object({ q: requiredText(SEARCH_MAX, "Search") });
export type SearchInput = z.output<typeof searchInput>;
