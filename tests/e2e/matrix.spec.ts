import { expect, test, type Browser, type Page } from "@playwright/test";
import { createRollout, demoRelease, type Rollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The release matrix. Tests that only read use the demo seed's v2.5.0 (found by name; clusters
 * prod-eu: customer-d/e, prod-us: customer-a/b/c, staging: demo-customer; by stage: staging, then
 * canary with customer-a/b/d/e, then production with customer-c), which no spec changes.
 * Tests that act create a rollout of their own (a new cluster of two customers, a release with
 * two deploy and two verify steps activated for it), so no test depends on another or on order.
 */
test.use({ storageState: storageState("rm") });

let matrix = "";
test.beforeEach(async ({ page }) => {
  matrix ||= (await demoRelease(page)).matrix;
});

async function ownRollout(browser: Browser): Promise<Rollout> {
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, {
    label: "matrix",
    customers: 2,
    steps: [
      { name: "Deploy via Jenkins", content: "jenkins build api" },
      { name: "Run Migration SQL", type: "sql", content: "ALTER TABLE t ADD c int;" },
      { name: "Health Check API", category: "verify", content: "curl -fsS https://$NAMESPACE.example.com/api/health" },
      { name: "Smoke test checklist", category: "verify", type: "text", content: "Log in; open the dashboard" },
    ],
  });
  await admin.close();
  return rollout;
}

const cluster = (page: Page, name: string) => page.locator(`section[data-testid="cluster"][data-cluster="${name}"]`);
const cell = (page: Page, step: string, customer: string, status: string) => page.getByRole("button", { name: `${step} — ${customer}: ${status}`, exact: false });
const rowNames = (page: Page, name: string) => cluster(page, name).locator("tbody th[scope=row]").allInnerTexts();

/** Presses Tab until `done` holds for the focused element (fails after `max` presses). */
async function tabUntil(page: Page, done: () => Promise<boolean>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("focus never reached the target");
}
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

test("filters change the grid, live in the URL and survive a reload", async ({ page }) => {
  await page.goto(matrix);
  await expect(page.getByRole("heading", { name: "Release: v2.5.0" })).toBeVisible();
  await expect(cluster(page, "staging")).toBeVisible();
  await expect(cluster(page, "prod-us").getByRole("button", { name: /Flush CDN cache — customer-c: Pending, custom step/ })).toBeVisible();
  await expect(cluster(page, "prod-us").getByRole("button", { name: /Run Migration SQL — customer-a: Done, overridden/ })).toBeVisible();

  await page.getByLabel("Status").selectOption("skipped");
  await expect(page).toHaveURL(/status=skipped/);
  await expect(cluster(page, "staging")).toHaveCount(0);
  expect(await rowNames(page, "prod-eu")).toEqual([expect.stringContaining("Update ConfigMap")]);
  await expect(cluster(page, "prod-eu").getByRole("button", { name: "Update ConfigMap — customer-e: Skipped" })).toBeVisible();

  await page.getByLabel("Cluster").selectOption({ label: "prod-eu (2)" });
  await expect(page).toHaveURL(/cluster=\d+/);
  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("skipped");
  await expect(page.getByLabel("Cluster")).toHaveValue(/\d+/);
  await expect(page.locator('section[data-testid="cluster"]')).toHaveCount(1);
  await expect(cluster(page, "prod-eu")).toBeVisible();

  // Work left on the verify tab: demo-customer finished its checks, so staging drops out.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/matrix$/);
  await page.getByRole("link", { name: "Verify" }).click();
  await expect(page).toHaveURL(/category=verify/);
  await page.getByLabel("Only customers with work left").check();
  await expect(page).toHaveURL(/left=1/);
  await page.reload();
  await expect(page.getByLabel("Only customers with work left")).toBeChecked();
  await expect(cluster(page, "staging")).toHaveCount(0);
  await expect(cluster(page, "prod-eu").getByRole("button", { name: /Health Check API — customer-d: Pending/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Verify" })).toHaveAttribute("aria-current", "page");

  // Collapsing a cluster is in the URL too.
  await cluster(page, "prod-eu").getByRole("link", { name: "prod-eu (collapse)" }).click();
  await expect(page).toHaveURL(/open=/);
  await expect(cluster(page, "prod-eu").locator("table")).toHaveCount(0);
  // prod-us's customers sit in two stages (canary, production): both of its blocks stay open.
  await expect(cluster(page, "prod-us").locator("table")).toHaveCount(2);
});

const stat = (page: Page, status: string) => page.getByTestId(`stat-${status}`).getByTestId("value");

test("clicking a cell opens the panel; marking it done updates that cell and the cluster's progress without re-rendering the page, and the dashboard's counts", async ({ page, browser }) => {
  test.setTimeout(60_000); // a rollout of its own, the matrix, the panel and the dashboard: 24–35 s here
  const own = await ownRollout(browser);
  const [d, e] = own.customers.map((c) => c.name);
  await page.goto("/");
  const doneBefore = Number(await stat(page, "done").textContent());
  const pendingBefore = Number(await stat(page, "pending").textContent());
  await page.goto(own.matrix);
  await page.getByRole("link", { name: "Verify" }).click();
  await expect(page).toHaveURL(/category=verify/);
  // The verify steps (done / total, spec 8.2): first customer 0 of 2, second 0 of 2 → 0 %.
  const eu = cluster(page, own.cluster.name);
  await expect(eu.getByTestId("cluster-progress")).toHaveAttribute("data-percent", "0");
  const dCount = eu.getByRole("columnheader", { name: new RegExp(d) }).getByTestId("customer-count");
  await expect(dCount).toHaveText("0/2 done");
  await page.evaluate(() => ((window as unknown as { __matrixMarker: number }).__matrixMarker = 42));

  // Every server action answer must be small: a revalidated matrix would come back in it.
  const actionBodies: string[] = [];
  page.on("response", async (res) => {
    if (res.request().method() === "POST" && res.request().headers()["next-action"]) actionBodies.push(await res.text().catch(() => ""));
  });
  // Link prefetches are fine; a refresh (router.refresh or a reload) of the matrix is not.
  let pageRequests = 0;
  page.on("request", (req) => {
    const h = req.headers();
    if (req.method() === "GET" && new URL(req.url()).pathname === own.matrix && !h["next-router-prefetch"]) pageRequests++;
  });

  await cell(page, "Health Check API", d, "Pending").click();
  const panel = page.getByRole("dialog", { name: "Step: Health Check API" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: d, exact: true })).toBeVisible();
  await expect(panel.getByText(`${own.cluster.name}/`)).toBeVisible();
  await expect(panel.getByTestId("panel-source")).toContainText("From template");
  await expect(panel.getByRole("region", { name: "Content" })).toContainText("/api/health");
  await expect(panel.getByRole("button", { name: "Copy" })).toBeVisible();
  await expect(page).toHaveURL(/step=\d+/);

  await panel.getByRole("button", { name: "Mark done" }).click();
  const confirm = page.getByRole("dialog", { name: 'Mark "Health Check API" done' });
  await confirm.getByLabel("Notes").fill("build #9001");
  await confirm.getByRole("button", { name: "Mark done" }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByTestId("panel-status")).toHaveText("Done");
  await expect(panel.getByRole("region", { name: "Execution" }).getByText("Notes: build #9001")).toBeVisible();
  await expect(panel.getByRole("region", { name: "History" })).toContainText("Marked as done");

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(cell(page, "Health Check API", d, "Done")).toBeVisible();
  // First customer 1 of 2, second 0 of 2 → 25 %.
  await expect(eu.getByTestId("cluster-progress")).toHaveAttribute("data-percent", "25");
  await expect(dCount).toHaveText("1/2 done");
  await expect(page).not.toHaveURL(/step=/);

  expect(await page.evaluate(() => (window as unknown as { __matrixMarker?: number }).__matrixMarker)).toBe(42);
  expect(pageRequests).toBe(0);
  // One request to open the panel, one to mark done: the answer carries the panel's new view (no reload).
  expect(actionBodies.length).toBe(2);
  for (const body of actionBodies) expect(body).not.toContain(e); // the other customer's name: no page render came back

  // The change is real: a reload shows it.
  await page.reload();
  await expect(cell(page, "Health Check API", d, "Done")).toBeVisible();

  // …and the dashboard counts it.
  await page.goto("/");
  await expect(stat(page, "done")).toHaveText(String(doneBefore + 1));
  await expect(stat(page, "pending")).toHaveText(String(pendingBefore - 1));
  await expect(page.getByTestId("activity-item").first()).toContainText(d);
});

test("keyboard only: Tab to a cell, Enter opens the panel, mark done, Esc closes and focus returns to the cell", async ({ page, browser }) => {
  const own = await ownRollout(browser);
  const [d, e] = own.customers.map((c) => c.name);
  await page.goto(`${own.matrix}?category=verify`);
  await cluster(page, own.cluster.name).getByRole("link", { name: `${own.cluster.name} (collapse)` }).focus();
  // One Tab stop per cluster grid (its first cell); the arrow keys move inside it.
  await tabUntil(page, async () => (await focusedLabel(page)).startsWith(`Health Check API — ${d}`));
  await page.keyboard.press("ArrowRight");
  await expect(cell(page, "Health Check API", e, "Pending")).toBeFocused();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Step: Health Check API" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: e, exact: true })).toBeVisible();

  await tabUntil(page, async () => (await focusedLabel(page)).trim() === "Mark done");
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: 'Mark "Health Check API" done' });
  await expect(confirm).toBeVisible();
  await tabUntil(page, async () => (await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.type === "submit")));
  await page.keyboard.press("Enter");
  await expect(confirm).toBeHidden();
  await expect(panel.getByTestId("panel-status")).toHaveText("Done");
  await expect(panel.getByTestId("panel-status")).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(cell(page, "Health Check API", e, "Done")).toBeFocused();
  // Arrow keys move between cells.
  await page.keyboard.press("ArrowDown");
  await expect(cell(page, "Smoke test checklist", e, "Pending")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(cell(page, "Smoke test checklist", d, "Pending")).toBeFocused();
  await page.keyboard.press("End");
  await expect(cell(page, "Smoke test checklist", e, "Pending")).toBeFocused();

  // The grid is one Tab stop: Tab leaves the cluster's cells, Shift+Tab comes back to the cell
  // last used.
  const eu = cluster(page, own.cluster.name);
  await page.keyboard.press("Tab");
  const leftGrid = await page.evaluate((name) => {
    const el = document.activeElement;
    return !(el?.matches("button[data-step]") && el.closest("section")?.getAttribute("data-cluster") === name);
  }, own.cluster.name);
  expect(leftGrid).toBe(true);
  await page.keyboard.press("Shift+Tab");
  await expect(cell(page, "Smoke test checklist", e, "Pending")).toBeFocused();
  expect(await eu.locator('button[data-step][tabindex="0"]').count()).toBe(1);
});

test("step across customers shows every customer by cluster with overrides and their diff", async ({ page }) => {
  await page.goto(matrix);
  await cluster(page, "prod-us").getByRole("link", { name: /Run Migration SQL/ }).first().click();
  await expect(page.getByRole("heading", { name: "Step: Run Migration SQL" })).toBeVisible();
  // The seed's three clusters (other specs may add customers in clusters of their own).
  for (const name of ["prod-eu", "prod-us", "staging"]) await expect(page.getByRole("region", { name, exact: true })).toBeVisible();
  const b = page.locator('[data-testid="across-row"][data-customer="customer-b"]');
  await expect(b.getByText("Overridden")).toBeVisible();
  await b.getByText("View diff").click();
  await expect(b.getByText("point at the primary")).toBeVisible();
  await b.getByRole("link", { name: "Open in matrix for customer-b" }).click();
  await expect(page.getByRole("dialog", { name: "Step: Run Migration SQL" })).toBeVisible();
  await expect(page.getByRole("dialog").getByTestId("panel-source")).toContainText("Overridden");
});

test("changing a filter from the keyboard keeps focus on it; unknown or out-of-range releases are not found", async ({ page }) => {
  await page.goto(matrix);
  const left = page.getByLabel("Only customers with work left");
  await left.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/left=1/);
  await expect(cluster(page, "staging")).toHaveCount(0);
  await expect(left).toBeChecked();
  await expect(left).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page).not.toHaveURL(/left=1/);
  await expect(cluster(page, "staging")).toBeVisible();
  await expect(left).toBeFocused();

  for (const id of ["999999", "3000000000", "abc"]) {
    await page.goto(`/releases/${id}/matrix`);
    await expect(page.getByText("Page not found")).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
  }
});

test("after acting in the matrix, going to a customer and Back shows the change, not the page as first loaded", async ({ page, browser }) => {
  test.setTimeout(60_000); // a rollout of its own, then the matrix loaded three times (failed at 30 s in CI)
  const own = await ownRollout(browser);
  const [d] = own.customers.map((c) => c.name);
  await page.goto(`${own.matrix}?category=verify`);
  await cell(page, "Smoke test checklist", d, "Pending").click();
  const panel = page.getByRole("dialog", { name: "Step: Smoke test checklist" });
  await panel.getByRole("button", { name: "Mark done" }).click();
  await page.getByRole("dialog", { name: 'Mark "Smoke test checklist" done' }).getByRole("button", { name: "Mark done" }).click();
  await expect(panel.getByTestId("panel-status")).toHaveText("Done");
  await page.keyboard.press("Escape");
  await expect(cell(page, "Smoke test checklist", d, "Done")).toBeVisible();

  await cluster(page, own.cluster.name).getByRole("columnheader", { name: new RegExp(d) }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Customer: ${d}` })).toBeVisible();
  await page.goBack();
  // Back shows the router's copy first, then the page fetched fresh: that fetch may take a while.
  await expect(cell(page, "Smoke test checklist", d, "Done")).toBeVisible({ timeout: 20_000 });
  await expect(cell(page, "Smoke test checklist", d, "Pending")).toHaveCount(0);
});
