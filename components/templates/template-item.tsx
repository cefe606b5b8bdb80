"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useState, type KeyboardEvent } from "react";
import { CodeView } from "@/components/code/code-view";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { TemplateStepView } from "@/lib/domain/templates/types";
import { DeleteTemplateDialog } from "./delete-template-dialog";

const typeLabels = { bash: "Bash", sql: "SQL", yaml: "YAML", text: "Text" } as const;

export function TemplateItem({
  step,
  position,
  count,
  editable,
  releaseActive,
  busy,
  onMove,
  picked = false,
  onHandleKeyDown,
  onHandleBlur,
}: {
  step: TemplateStepView;
  position: number;
  count: number;
  editable: boolean;
  releaseActive: boolean;
  busy: boolean;
  onMove: (from: number, to: number) => void;
  /** Picked up with the keyboard (Space), moving with the arrow keys. */
  picked?: boolean;
  onHandleKeyDown?: (event: KeyboardEvent) => void;
  onHandleBlur?: () => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: step.id,
    disabled: !editable,
  });
  const lines = step.content ? step.content.split("\n").length : 0;
  const [open, setOpen] = useState(lines > 0 && lines <= 12);

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="template-step"
      data-step-name={step.name}
      className={cn(
        "relative bg-white dark:bg-zinc-900",
        (isDragging || picked) && "z-10 rounded-lg shadow-lg ring-2 ring-brand-500",
      )}
    >
      <div className="flex items-start gap-3 px-4 py-3">
        {editable ? (
          <button
            ref={setActivatorNodeRef}
            type="button"
            {...attributes}
            {...listeners}
            onKeyDown={onHandleKeyDown}
            onBlur={onHandleBlur}
            data-reorder-handle={step.id}
            aria-pressed={picked}
            aria-label={`Reorder ${step.name}`}
            aria-describedby={attributes["aria-describedby"]}
            className="mt-0.5 cursor-grab touch-none rounded p-1 text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 active:cursor-grabbing dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
          >
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden>
              <path d="M7 4a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 4Zm0 6a1.25 1.25 0 1 1-2.5 0A1.25 1.25 0 0 1 7 10Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 4A1.25 1.25 0 1 1 13 4a1.25 1.25 0 0 1 2.5 0Zm-1.25 7.25a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5ZM15.5 16a1.25 1.25 0 1 1-2.5 0 1.25 1.25 0 0 1 2.5 0Z" />
            </svg>
          </button>
        ) : null}
        <span className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
          {position + 1}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium text-zinc-900 dark:text-zinc-100">{step.name}</h3>
            <Badge>{typeLabels[step.type]}</Badge>
            {step.execution === "agent" ? <Badge tone="violet">Run by agent</Badge> : step.execution === "manifest" ? <Badge tone="violet">Published to manifest repo</Badge> : null}
            {step.needsReview ? <Badge tone="blue">Needs review</Badge> : null}
            {releaseActive && step.untouchedCopies + step.keptCopies > 0 ? (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {step.untouchedCopies} pending copies{step.keptCopies ? ` · ${step.keptCopies} done/skipped/overridden` : ""}
              </span>
            ) : null}
          </div>
          {step.description ? <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{step.description}</p> : null}
          <button
            type="button"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            className="mt-1 text-xs font-medium text-brand-600 hover:underline dark:text-brand-100"
          >
            {open ? "Hide content" : `Show content${lines ? ` (${lines} line${lines === 1 ? "" : "s"})` : ""}`}
          </button>
        </div>
        {editable ? (
          <div className="flex shrink-0 items-center gap-1">
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Move ${step.name} up`}
              title="Move up"
              disabled={busy || position === 0}
              onClick={() => onMove(position, position - 1)}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Move ${step.name} down`}
              title="Move down"
              disabled={busy || position === count - 1}
              onClick={() => onMove(position, position + 1)}
            >
              ↓
            </Button>
            <ButtonLink
              href={`/releases/${step.releaseId}/templates/${step.id}/edit`}
              variant="secondary"
              size="sm"
              aria-label={`Edit ${step.name}`}
            >
              Edit
            </ButtonLink>
            <DeleteTemplateDialog step={step} releaseActive={releaseActive} />
          </div>
        ) : null}
      </div>
      {open ? (
        <div className={cn("pr-4 pb-4", editable ? "pl-22" : "pl-13")}>
          <CodeView html={step.html} code={step.content} type={step.type} filename={step.name.replace(/[^\w.-]+/g, "-").toLowerCase()} />
        </div>
      ) : null}
    </li>
  );
}
