import type { CustomerStepDTO, StepHistoryEntry, StepView } from "@/lib/domain/steps/types";

/**
 * The step fields a status change (done, skip, un-skip, revert, a note) can move. Its content,
 * highlighting, template and review do not change, so a page that already shows the step keeps
 * them and merges only these (an answer of a few hundred bytes instead of the whole step again).
 */
export type StepPatchFields = Pick<
  CustomerStepDTO,
  "id" | "status" | "version" | "executedAt" | "skipReason" | "notes" | "updatedAt" | "updatedByName" | "isOverridden" | "isCustom"
> & { executedByName?: string | null };

/**
 * What a single-step action answers to a page that shows the step (matrix panel, checklist,
 * campaign): `status` — the changed fields and the history entries the change added, relative to
 * the version the page sent (the action only succeeds from that version, so the page holds
 * exactly what the patch applies to); `view` — the step as shown again, for changes of content
 * (override, reset, keep, edit, remove), whose highlighting and diff move: with the entries the
 * change added and, for every entry that ran, what ran as the new content compares with it (an
 * entry that read "the content as shown" needs its own text back once the content changes).
 */
export type StepPatch =
  | { kind: "status"; step: StepPatchFields; added: StepHistoryEntry[] }
  | { kind: "view"; view: Omit<StepView, "history">; added: StepHistoryEntry[]; ran: Record<string, StepHistoryEntry["ran"]>; removed: boolean };

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

/** The step as the page shows it after the change. */
export function applyStepPatch<V extends StepView>(view: V, patch: StepPatch): V {
  const known = new Set(view.history.map((h) => h.id));
  const added = (shown: string) => compactHistory(patch.added.filter((h) => !known.has(h.id)), shown);
  if (patch.kind === "view") {
    const history = view.history.map((h) => (h.id in patch.ran ? { ...h, ran: patch.ran[h.id] } : h));
    return { ...view, ...patch.view, history: [...history, ...added(shownContent(patch.view))] };
  }
  const step = { ...view.step, ...patch.step };
  return { ...view, step, history: [...view.history, ...added(shownContent({ step, rendered: view.rendered }))] };
}

/** The step as shown again, as a `view` patch: the entries the change wrote (at its instant) and what ran for the others. */
export function viewPatch(view: StepView, removed: boolean): StepPatch {
  const { history, ...rest } = view;
  const added = history.filter((h) => h.id !== "created" && h.at >= view.step.updatedAt);
  const ran = Object.fromEntries(history.filter((h) => h.ran && !added.includes(h)).map((h) => [h.id, h.ran]));
  return { kind: "view", view: rest, added, ran, removed };
}
