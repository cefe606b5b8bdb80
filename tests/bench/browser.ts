import { chromium } from "@playwright/test";
import { chromiumPath } from "../e2e/support/chromium";

/**
 * Opens the matrix in Chromium and reports the longest main-thread task (PerformanceObserver
 * long tasks) per phase: open, scroll, expanding a cluster, clicking a cell until the side panel
 * shows. A large release opens with its clusters collapsed, so the click needs the expand first.
 */
export async function browserLongTasks(options: { url: string; cookie: string }): Promise<{ longest: number; detail: string }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const url = new URL(options.url);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      options.cookie.split("; ").map((pair) => {
        const [name, ...rest] = pair.split("=");
        return { name, value: rest.join("="), domain: url.hostname, path: "/" };
      }),
    );
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: Array<{ at: string; ms: number }>; __phase: string };
      w.__longTasks = [];
      w.__phase = "open";
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ at: w.__phase, ms: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    const page = await context.newPage();
    const phase = (name: string) => page.evaluate((n) => ((window as unknown as { __phase: string }).__phase = n), name);
    await page.goto(options.url, { waitUntil: "load" });
    await page.waitForTimeout(500);

    await phase("scroll");
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(60);
    }

    const cell = page.locator("button[data-step].rsm-pending").first();
    if ((await cell.count()) === 0) {
      await phase("expand");
      await page.locator('section[data-testid="cluster"] a[href*="open="]').first().click();
      await cell.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
    }

    await phase("click");
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await page.getByTestId("panel-status").waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);

    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: Array<{ at: string; ms: number }> }).__longTasks);
    const byPhase = new Map<string, number>();
    for (const t of tasks) byPhase.set(t.at, Math.max(byPhase.get(t.at) ?? 0, t.ms));
    const longest = Math.max(0, ...tasks.map((t) => t.ms));
    const detail = ["open", "scroll", "expand", "click"].map((p) => `${p} ${Math.round(byPhase.get(p) ?? 0)} ms`).join(", ");
    return { longest, detail };
  } finally {
    await browser.close();
  }
}
