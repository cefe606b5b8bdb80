import type { Modifier } from "@dnd-kit/core";

/** Keeps a dragged step on its list's vertical axis (the modifiers package is not installed). */
export const restrictToVerticalAxis: Modifier = ({ transform }) => ({ ...transform, x: 0 });
