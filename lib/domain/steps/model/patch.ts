import type { CustomerStepDTO, StepHistoryEntry, StepView } from "@/lib/domain/steps/types";

/**
 * The step fields a status change (done, skip, un-skip, revert, a note) can move. Its content,
 * highlighting, template and review do not change, so a page that already shows the step keeps
 * them and merges only these (an answer of a few hundred bytes instead of the whole step again).
 */
export type StepPatchFields = Pick<
  CustomerStepDTO,
  "id" | "status" | "version" | "executedAt" | "skipReason" | "notes" | "updatedAt" | "updatedByName" | "isOverridden" | "isCustom" | "runState"
> & { executedByName?: string | null };

/**
 * What a single-step action answers to a page that shows the step (matrix panel, checklist,
 * campaign): `status` — the changed fields and the history entries the change added, relative to
 * the version the page sent (the action only succeeds from that version); what ran is sent as a
 * fingerprint (`ran`), since it is almost always the text the page shows: the page checks that
 * and reads the step again if not (a customer value changed since the page was drawn). `view` —
 * the step as shown again, for changes of content (override, reset, keep, edit, remove), whose
 * highlighting and diff move: with the entries written since the change and, for every entry
 * that ran, what ran as the new content compares with it (an entry that read "the content as
 * shown" needs its own text back once the content changes).
 */
export type StepPatch =
  | { kind: "status"; step: StepPatchFields; added: StepHistoryEntry[]; ran?: string }
  | { kind: "view"; view: Omit<StepView, "history">; added: StepHistoryEntry[]; ran: Record<string, StepHistoryEntry["ran"]>; removed: boolean };

/** A short fingerprint of a text (FNV-1a, 32 bits), to compare what ran with what a page shows without sending it. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0") + text.length.toString(16);
}

/** The text a "what ran" entry is compared with: the step as it will run now. */
export function shownContent(view: Pick<StepView, "step" | "rendered">): string {
  return view.rendered.hasVariables && !view.rendered.problem ? view.rendered.content : view.step.content;
}

/**
 * What ran is usually what the step shows now (its content locks once done): such an entry says
 * so instead of carrying the same text again. One rule for pages, answers and patches.
 */
export function compactHistory(history: StepHistoryEntry[], shown: string): StepHistoryEntry[] {
  return history.map((h) => (h.ran && !h.ran.sameAsShown && h.ran.content === shown ? { ...h, ran: { content: "", missing: h.ran.missing, sameAsShown: true as const } } : h));
}

/**
 * The step as the page shows it after the change; the page's own view when it already shows this
 * change or a later one; null when the page does not hold what the patch applies to (an answer
 * overtaken by other changes, or what ran differs from what it shows): the page reads the step
 * again.
 */
export function applyStepPatch<V extends StepView>(view: V, patch: StepPatch): V | null {
  const known = new Set(view.history.map((h) => h.id));
  const added = (shown: string) => compactHistory(patch.added.filter((h) => !known.has(h.id)), shown);
  if (patch.kind === "view") {
    if (view.step.version > patch.view.step.version) return view;
    const history = view.history.map((h) => (h.id in patch.ran ? { ...h, ran: patch.ran[h.id] } : h));
    return { ...view, ...patch.view, history: [...history, ...added(shownContent(patch.view))] };
  }
  if (view.step.version >= patch.step.version) return view;
  if (view.step.version !== patch.step.version - 1) return null;
  const step = { ...view.step, ...patch.step };
  const shown = shownContent({ step, rendered: view.rendered });
  if (patch.ran !== undefined && patch.ran !== fingerprint(shown)) return null;
  return { ...view, step, history: [...view.history, ...added(shown)] };
}

/** The same, for a view that also says whether the step was removed (the side panel, campaign mode). */
export function applyDetailPatch<V extends StepView & { removed: boolean }>(view: V, patch: StepPatch): V | null {
  const next = applyStepPatch(view, patch);
  return next && next !== view && patch.kind === "view" ? { ...next, removed: patch.removed } : next;
}

/**
 * The step as shown again, as a `view` patch: the entries written since the change (`since`, its
 * instant: a change made meanwhile by someone else is included, not this one's lost) and what ran
 * for the others.
 */
export function viewPatch(view: StepView, removed: boolean, since: string): StepPatch {
  const { history, ...rest } = view;
  const added = history.filter((h) => h.id !== "created" && h.at >= since);
  const ran = Object.fromEntries(history.filter((h) => h.ran && !added.includes(h)).map((h) => [h.id, h.ran]));
  return { kind: "view", view: rest, added, ran, removed };
}
