"use client";

import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useEffect, useState, useTransition, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { reorderTemplateStepsAction } from "@/lib/domain/templates/actions";
import { moveItem } from "@/lib/domain/templates/model/ordering";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import { restrictToVerticalAxis } from "./modifiers";
import { TemplateItem } from "./template-item";
import type { StepCategory } from "@/lib/domain/vocabulary";

/**
 * One category's template steps, reorderable by pointer drag, by keyboard (focus the handle,
 * Space to pick up, arrows to move, Space to drop, Escape to cancel) and by Move up/down
 * buttons. The new order shows at once and is saved in one request; a refusal puts it back.
 *
 * The keyboard mode is ours, not dnd-kit's keyboard sensor: that sensor ignores arrow keys until
 * it has measured the list after the pick-up, so a quick "Space, ↓, Space" moved nothing.
 * Here every key acts on the list order itself, synchronously.
 */
export function TemplateList({
  releaseId,
  category,
  steps,
  editable,
  releaseActive,
}: {
  releaseId: number;
  category: StepCategory;
  steps: TemplateStepView[];
  editable: boolean;
  releaseActive: boolean;
}) {
  const [items, setItems] = useState(steps);
  const [source, setSource] = useState(steps);
  if (source !== steps) {
    // The server sent a fresh list (after an edit, a delete, a revalidation): adopt it.
    setSource(steps);
    setItems(steps);
  }
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  /** The step picked up with the keyboard, and the order to go back to on Escape. */
  const [picked, setPicked] = useState<{ id: number; original: TemplateStepView[] } | null>(null);
  useEffect(() => {
    // Moving the row re-inserts it in the DOM; keep the keyboard on its handle.
    if (picked) document.querySelector<HTMLElement>(`[data-reorder-handle="${picked.id}"]`)?.focus();
  }, [picked, items]);

  const nameOf = (id: string | number) => items.find((s) => s.id === Number(id))?.name ?? "step";
  const positionOf = (id: string | number) => items.findIndex((s) => s.id === Number(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}, position ${positionOf(active.id)} of ${items.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} moved to position ${positionOf(over.id)} of ${items.length}.` : `${nameOf(active.id)} is no longer over the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped at position ${positionOf(over.id)} of ${items.length}.` : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Reordering cancelled. ${nameOf(active.id)} is back in place.`,
  };

  function save(next: TemplateStepView[], movedName: string, position: number, previous = items) {
    setItems(next);
    setError(null);
    startTransition(async () => {
      const result = await reorderTemplateStepsAction({ releaseId, category, ids: next.map((s) => s.id) });
      if (result.ok) setStatus(`Saved: ${movedName} is now step ${position} of ${next.length}.`);
      else {
        setItems(previous);
        setError(result.message);
      }
    });
  }

  function move(from: number, to: number) {
    if (to < 0 || to >= items.length) return;
    save(moveItem(items, from, to), items[from].name, to + 1);
  }

  function onHandleKeyDown(event: KeyboardEvent, id: number) {
    const i = items.findIndex((s) => s.id === id);
    const name = items[i]?.name ?? "step";
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      if (!picked) {
        if (pending) return;
        setPicked({ id, original: items });
        setStatus(`Picked up ${name}, position ${i + 1} of ${items.length}. Arrow keys move it, Space drops it, Escape cancels.`);
        return;
      }
      const from = picked.original;
      setPicked(null);
      if (from.map((s) => s.id).join() === items.map((s) => s.id).join()) setStatus(`${name} dropped where it was.`);
      else save(items, name, i + 1, from);
      return;
    }
    if (!picked) return;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      const to = event.key === "ArrowUp" ? i - 1 : i + 1;
      if (to < 0 || to >= items.length) return;
      setItems(moveItem(items, i, to));
      setStatus(`${name} moved to position ${to + 1} of ${items.length}.`);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setItems(picked.original);
      setPicked(null);
      setStatus(`Reordering cancelled. ${name} is back in place.`);
    }
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    move(
      items.findIndex((s) => s.id === Number(active.id)),
      items.findIndex((s) => s.id === Number(over.id)),
    );
  }

  return (
    <div>
      {error ? (
        <div className="px-4 pt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {status}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        modifiers={[restrictToVerticalAxis]}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: "To reorder, press Space to pick the step up, use the arrow keys to move it, then Space to drop it or Escape to cancel.",
          },
        }}
      >
        <SortableContext items={items.map((s) => s.id)} strategy={verticalListSortingStrategy}>
          <ol aria-label={`${category === "deploy" ? "Deploy" : "Verify"} steps`} className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-busy={pending}>
            {items.map((step, i) => (
              <TemplateItem
                key={step.id}
                step={step}
                position={i}
                count={items.length}
                editable={editable}
                releaseActive={releaseActive}
                busy={pending}
                onMove={move}
                picked={picked?.id === step.id}
                onHandleKeyDown={(e) => onHandleKeyDown(e, step.id)}
                onHandleBlur={() => {
                  // Leaving the list while a step is picked up puts it back, like Escape.
                  if (picked?.id !== step.id) return;
                  setTimeout(() => {
                    if (document.activeElement?.getAttribute("data-reorder-handle") === String(step.id)) return;
                    setItems(picked.original);
                    setPicked(null);
                  });
                }}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  );
}
