import { invalidField } from "@/lib/domain/errors";
import { describeUnknown, hasVariables, TemplateSyntaxError, unknownVariables } from "./variables";

/**
 * A step's name and content may use only variables some customer can have (see
 * queries/known-names.ts), written as plain `{{ name }}` tags: the first problem is the field's
 * error, naming the variable and the nearest known names. `known` is only asked for when a field
 * has a tag, so text without variables costs no read.
 */
export async function assertKnownVariables(fields: { name?: string; content?: string }, known: () => Promise<Set<string>>): Promise<void> {
  const used = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === "string" && hasVariables(e[1]));
  if (used.length === 0) return;
  const names = await known();
  for (const [field, text] of used) {
    let problem: string | null;
    try {
      problem = describeUnknown(unknownVariables(text, names));
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      problem = error.message;
    }
    if (problem) throw invalidField(field, problem);
  }
}
