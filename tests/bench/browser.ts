import { chromium, type CDPSession, type Page } from "@playwright/test";
import { chromiumPath } from "../e2e/support/chromium";

export const browserPhases = ["open", "scroll", "expand", "click", "mark done"] as const;
type Phase = (typeof browserPhases)[number];
export type BrowserRun = { phases: Partial<Record<Phase, { longest: number; busy: number }>> };

/**
 * Opens the matrix in Chromium and measures each phase a release manager goes through — open,
 * scroll, expand a cluster, click a cell until the side panel shows, mark the step done until the
 * panel says so — as the longest main-thread task (long tasks API) and the main thread's busy time
 * (Chromium's own TaskDuration counter, read over the DevTools protocol before and after).
 */
export async function browserLongTasks(options: { url: string; cookie: string }): Promise<BrowserRun> {
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
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const busy: Partial<Record<Phase, number>> = {};
    let mark = await taskMs(cdp);
    const phase = async (ended: Phase, name: Phase | null) => {
      const now = await taskMs(cdp);
      busy[ended] = now - mark;
      mark = now;
      if (name) await page.evaluate((n) => ((window as unknown as { __phase: string }).__phase = n), name);
    };

    await page.goto(options.url, { waitUntil: "load" });
    await page.waitForTimeout(500);
    await phase("open", "scroll");
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(60);
    }
    await phase("scroll", "expand");
    const cell = page.locator("button[data-step].rsm-pending").first();
    if ((await cell.count()) === 0) {
      await page.locator('section[data-testid="cluster"] a[href*="open="]').first().click();
      await cell.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
    }
    await phase("expand", "click");
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await page.getByTestId("panel-status").waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await phase("click", "mark done");
    await markDone(page);
    await page.waitForTimeout(300);
    await phase("mark done", null);

    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: Array<{ at: string; ms: number }> }).__longTasks);
    const phases: BrowserRun["phases"] = {};
    for (const p of browserPhases) {
      phases[p] = { longest: Math.max(0, ...tasks.filter((t) => t.at === p).map((t) => t.ms)), busy: busy[p] ?? 0 };
    }
    return { phases };
  } finally {
    await browser.close();
  }
}

async function markDone(page: Page) {
  const panel = page.getByRole("dialog").first();
  await panel.getByRole("button", { name: "Mark done" }).click();
  const dialog = page.getByRole("dialog", { name: /^Mark ".*" done$/ });
  await dialog.getByRole("button", { name: "Mark done" }).click();
  await page.getByTestId("panel-status").filter({ hasText: /done/i }).waitFor({ timeout: 30_000 });
}

/** The main thread's cumulative task time so far, in ms. */
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}
