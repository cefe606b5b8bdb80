/** Where keys belong to what the user is typing, and when a modal owns the keyboard: shared by every app-wide shortcut. */

const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

/** Where a typed character is text, not a shortcut. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return ["textbox", "searchbox", "combobox"].includes(target.getAttribute("role") ?? "");
}

/** Another modal (a form dialog, the step panel) owns the keyboard while it is open. */
export const modalOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
