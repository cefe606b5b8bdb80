"use client";

import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";

import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { reorderTemplateStepsAction } from "@/lib/domain/templates/actions";
import { moveItem } from "@/lib/domain/templates/model/ordering";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import { restrictToVerticalAxis } from "./modifiers";
import { TemplateItem } from "./template-item";
import type { StepCategory } from "@/db/schema/vocabulary";

/**
 * One category's template steps, reorderable by pointer drag, by keyboard (focus the handle,
 * Space to pick up, arrows to move, Space to drop, Escape to cancel) and by Move up/down
 * buttons. The new order shows at once and is saved in one request; a refusal puts it back.
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
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

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

  function save(next: TemplateStepView[], movedName: string, position: number) {
    const previous = items;
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
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
    </div>
  );
}
