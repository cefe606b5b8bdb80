import { expect, test, type Page } from "@playwright/test";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Dashboard (FV-001), cluster view (FV-006), customers sorted by progress (8.3), on the demo
 * seed (read only): v2.5.0 active, steps in the states of sketch 5.5 plus lib/ops/seed-activity.ts.
 * The test that changes a step does it on a rollout of its own. Other specs share the database,
 * so counts are compared before and after, never hard-coded.
 */
test.use({ storageState: storageState("rm") });

const stat = (page: Page, status: string) => page.getByTestId(`stat-${status}`).getByTestId("value");
const readStat = async (page: Page, status: string) => Number(await stat(page, status).textContent());

test("the dashboard shows active releases, quick stats, clusters and recent activity", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "+ Release" })).toHaveAttribute("href", "/releases/new");

  const release = page.getByTestId("active-release").filter({ hasText: "v2.5.0" });
  await expect(release.getByRole("progressbar", { name: "v2.5.0: overall progress" })).toBeVisible();
  await expect(release.getByRole("progressbar", { name: "v2.5.0: deploy progress" })).toBeVisible();
  await expect(release.getByRole("progressbar", { name: "v2.5.0: verify progress" })).toBeVisible();
  await expect(release.getByTestId("customers-complete")).toHaveText(/^\d+\/\d+$/);
  await expect(release.getByRole("link", { name: "Open matrix of v2.5.0" })).toHaveAttribute("href", /\/releases\/\d+\/matrix$/);

  expect(await readStat(page, "done")).toBeGreaterThan(0);
  expect(await readStat(page, "pending")).toBeGreaterThan(0);
  expect(await readStat(page, "skipped")).toBeGreaterThan(0);

  const clusters = page.getByRole("region", { name: "Clusters" });
  await expect(clusters.getByRole("link", { name: "prod-us" })).toBeVisible();
  await expect(clusters.getByRole("listitem").filter({ hasText: "prod-us" })).toContainText("3 customers");

  const items = page.getByTestId("activity-item");
  expect(await items.count()).toBeGreaterThanOrEqual(5);
  // Each item: who, what, which customer on which cluster and namespace, linking to the step. (The
  // newest item, whichever spec made it: specs that ran before this one push the seed's own items
  // out of the twelve shown; the seed's items are checked in dashboard-seed.test.ts.)
  const newest = items.first();
  await expect(newest).toContainText(/\(\S+ \/ \S+\)/);
  await expect(newest).toContainText(/by \S+/);
  await expect(newest.getByRole("link").first()).toHaveAttribute("href", /^\/releases\/\d+\/customers\/\d+#step-\d+$/);
});

test("marking a step done on the customer page changes the dashboard's counts and recent activity", async ({ page, browser }) => {
  test.setTimeout(60_000); // a rollout of its own, then five pages: 20–30 s here
  // A rollout of its own: the seed's data stays as the read-only tests expect it.
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const own = await createRollout(admin, {
    label: "dash",
    customers: 2,
    steps: [
      { name: "Deploy via Jenkins", content: "jenkins build api" },
      { name: "Update ConfigMap", type: "yaml", content: "apiVersion: v1\nkind: ConfigMap" },
    ],
  });
  await admin.close();
  const [customer] = own.customers;

  await page.goto("/");
  const doneBefore = await readStat(page, "done");
  const pendingBefore = await readStat(page, "pending");

  // Dashboard → cluster → the customer's steps in the release.
  await page.getByRole("region", { name: "Clusters" }).getByRole("link", { name: own.cluster.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(own.cluster.name);
  await page.getByRole("link", { name: `Open steps of ${customer.name} in ${own.release.name}` }).click();
  await expect(page.getByRole("heading", { name: `Customer: ${customer.name}` })).toBeVisible();

  const step = page.locator('li[data-testid="step"][data-step-name="Update ConfigMap"]');
  await expect(step).toHaveAttribute("data-status", "pending");
  await step.getByRole("button", { name: "Mark done" }).click();
  await page.getByRole("dialog").getByLabel("Notes").fill("applied from the dashboard e2e");
  await page.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(step).toHaveAttribute("data-status", "done");

  await page.goto("/");
  await expect(stat(page, "done")).toHaveText(String(doneBefore + 1));
  await expect(stat(page, "pending")).toHaveText(String(pendingBefore - 1));
  const latest = page.getByTestId("activity-item").first();
  await expect(latest).toContainText(customer.name);
  await expect(latest).toContainText(`(${own.cluster.name} / ${customer.namespace})`);
  await expect(latest).toContainText("Deploy 2. Update ConfigMap Done");
  await expect(latest).toContainText("by Riley Release");
  await expect(latest).toContainText("applied from the dashboard e2e");
  await latest.getByRole("link").click();
  await expect(page).toHaveURL(/\/releases\/\d+\/customers\/\d+#step-\d+$/);
  await expect(page.getByRole("heading", { name: `Customer: ${customer.name}` })).toBeVisible();
});

test("the customers list sorts by progress, kept in the URL", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("navigation", { name: "Sort customers" }).getByRole("link", { name: "By progress" }).click();
  await expect(page).toHaveURL(/\/customers\?sort=progress$/);
  const rows = page.getByTestId("customer-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(6); // other specs may add customers
  // demo-customer has every step done: marked complete, with its cluster and namespace.
  const demo = page.locator('[data-testid="customer-row"][data-customer-name="demo-customer"]');
  await expect(demo).toContainText("Complete");
  await expect(demo).toContainText("staging");
  await expect(demo).toContainText("demo-staging");

  // Rows are ordered by the share of steps handled (done or skipped), least first.
  const handled = await rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const m = /(\d+)\/(\d+) done(?:, (\d+) skipped)?/.exec(tr.textContent ?? "");
      return m ? (Number(m[1]) + Number(m[3] ?? 0)) / Number(m[2]) : 2;
    }),
  );
  expect(handled).toEqual([...handled].sort((a, b) => a - b));
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-customer-name")));
  expect(handled[names.indexOf("demo-customer")]).toBe(1); // complete sorts after every customer with work left
  expect(handled.filter((h) => h === 1).length).toBeLessThan(handled.length);

  await page.reload();
  await expect(page.getByRole("link", { name: "By progress" })).toHaveAttribute("aria-current", "page");
});

test("the cluster view shows each customer's status per active release and sorts by progress", async ({ page }) => {
  await page.goto("/clusters");
  await page.getByRole("link", { name: "prod-us" }).first().click();
  const table = page.getByTestId("cluster-release-status");
  await expect(table.getByRole("columnheader", { name: /v2\.5\.0/ })).toBeVisible();
  await expect(table.getByRole("progressbar", { name: "prod-us average in v2.5.0" })).toBeVisible();

  const a = table.getByTestId("cluster-customer").filter({ hasText: "customer-a" });
  await expect(a).toContainText("cust-a-prod");
  await expect(a).toContainText("3/5 done, 1 skipped");
  await expect(a.getByRole("progressbar", { name: "customer-a in v2.5.0" })).toHaveAttribute("aria-valuenow", "60");
  await expect(a.getByRole("link", { name: "Open steps of customer-a in v2.5.0" })).toHaveAttribute("href", /\/releases\/\d+\/customers\/\d+$/);

  await page.getByRole("navigation", { name: "Sort customers" }).getByRole("link", { name: "By progress" }).click();
  await expect(page).toHaveURL(/\/clusters\/\d+\?sort=progress$/);
  // customer-a has handled 4 of its 5 steps: the least work left on prod-us.
  await expect(table.getByTestId("cluster-customer").last()).toHaveAttribute("data-customer-name", "customer-a");
  await page.getByRole("navigation", { name: "Sort customers" }).getByRole("link", { name: "By name" }).click();
  await expect(table.getByTestId("cluster-customer").first()).toHaveAttribute("data-customer-name", "customer-a");
});

test("the customer detail page lists the customer's releases with progress", async ({ page }) => {
  await page.goto("/customers");
  await page.getByRole("link", { name: "demo-customer" }).click();
  const history = page.getByRole("region", { name: "Release history" });
  const v25 = history.getByTestId("history-item").filter({ hasText: "v2.5.0" });
  await expect(v25).toContainText("Complete");
  // When, as every time is shown: relative text, the absolute date and zone on hover.
  await expect(v25).toContainText(/Completed (\d+ \w+ ago|yesterday|\d+ \w+ \d{2}:\d{2})/);
  await expect(v25.locator("time").first()).toHaveAttribute("title", /^\d{1,2} \w+ \d{4}, \d{2}:\d{2} \S+/);
  await expect(v25.getByRole("progressbar", { name: "v2.5.0: deploy progress" })).toHaveAttribute("aria-valuenow", "100");
  await v25.getByRole("link", { name: /v2\.5\.0/ }).click();
  await expect(page.getByRole("heading", { name: "Customer: demo-customer" })).toBeVisible();
});
