import type { ActionResult } from "@/lib/domain/action-result";

/**
 * Calls a server action and always settles with an ActionResult. A server action rejects when
 * the request itself fails (offline, the server restarting, a body the server refused before the
 * action ran); the user then reads a sentence, not an error page.
 */
export async function callAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, input: I): Promise<ActionResult<T>> {
  try {
    return await action(input);
  } catch {
    return {
      ok: false,
      code: "internal",
      message: "The server could not take this request (the connection dropped, or the content was too large). Nothing was changed; try again.",
    };
  }
}
