/**
 * Whether single-character shortcuts ("g r", campaign mode's d/s/j/k/c/o) are on: a choice kept
 * in this browser (WCAG 2.1.4 — keys that act without a modifier can be turned off). On unless
 * turned off in the shortcuts overlay ("?").
 */
const KEY = "runsheet:single-key-shortcuts";

export function singleKeysOn(): boolean {
  try {
    return localStorage.getItem(KEY) !== "off";
  } catch {
    return true;
  }
}

export function setSingleKeys(on: boolean): void {
  try {
    if (on) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, "off");
  } catch {
    // Storage refused (private mode): the choice lasts this page only.
  }
}
