import { existsSync } from "node:fs";

/** Debian's Chromium (never a Playwright-downloaded browser). */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error("Chromium was not found. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).");
  }
  return found;
}
