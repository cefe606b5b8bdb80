import { expect, test, type Page } from "@playwright/test";
import { createRollout, type Rollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Spec workflow 7.2 step 3 for one customer, on a rollout of its own (a new cluster with three
 * customers and a release activated for them): nothing here depends on the demo seed or on
 * another spec having run first.
 */
const STEPS = [
  { name: "Deploy via Jenkins", content: "jenkins build api --customer $NAMESPACE" },
  { name: "Run Migration SQL", type: "sql" as const, content: "ALTER TABLE users ADD COLUMN custom_field VARCHAR(100);" },
  { name: "Update ConfigMap", type: "yaml" as const, content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config" },
  { name: "Health Check API", category: "verify" as const, content: "curl -fsS https://$NAMESPACE.example.com/health" },
];

let rollout: Rollout;
test.beforeAll(async ({ browser }) => {
  const admin = await browser.newPage({ storageState: storageState("admin") });
  rollout = await createRollout(admin, { label: "exec", customers: 3, steps: STEPS });
  await admin.close();
});

const step = (page: Page, name: string) => page.locator(`li[data-testid="step"][data-step-name="${name}"]`);
const dialog = (page: Page) => page.getByRole("dialog");

test.use({ storageState: storageState("rm") });

test("override, add a custom step, mark done, skip (reason required), revert, reset to template", async ({ page }) => {
  await page.goto(rollout.checklist(0));
  await expect(page.getByRole("heading", { name: `Customer: ${rollout.customers[0].name}` })).toBeVisible();
  await expect(page.getByText(rollout.cluster.name, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Deploy steps \(0\/3 done\)/ })).toBeVisible();

  // Override the migration for this customer only.
  const sql = step(page, "Run Migration SQL");
  await sql.getByRole("button", { name: "Override content" }).click();
  await dialog(page).getByLabel("Content").fill("-- this customer: smaller batches\nALTER TABLE users ADD COLUMN custom_field VARCHAR(100);");
  await dialog(page).getByRole("button", { name: "Save override" }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(sql.getByText("Overridden", { exact: false }).first()).toBeVisible();
  await sql.getByRole("button", { name: "View original" }).click();
  await expect(dialog(page).getByRole("heading", { name: "Differences" })).toBeVisible();
  await expect(dialog(page).getByText("this customer: smaller batches")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toBeHidden();
  await expect(sql.getByRole("button", { name: "View original" })).toBeFocused();

  // Add a custom step right after the first deploy step.
  await page.getByRole("button", { name: "Add custom step" }).first().click();
  await dialog(page).getByLabel("Step name").fill("Warm caches");
  await dialog(page).getByLabel("Content").fill("curl -fsS https://cust-c.example.com/warmup");
  await dialog(page).getByLabel("Insert position").selectOption({ label: 'After 1. "Deploy via Jenkins"' });
  await dialog(page).getByRole("button", { name: "Add step" }).click();
  await expect(dialog(page)).toBeHidden();
  const custom = step(page, "Warm caches");
  // Custom steps have no number: numbers are the template's, the same in the checklist and the matrix.
  await expect(custom.getByRole("heading")).toHaveText(/^Warm caches/);
  await expect(step(page, "Run Migration SQL").getByRole("heading")).toHaveText(/^2\. Run Migration SQL/);
  await expect(custom.getByText("Custom", { exact: false }).first()).toBeVisible();

  // Mark the first step done with a note.
  const deploy = step(page, "Deploy via Jenkins");
  await deploy.getByRole("button", { name: "Mark done" }).click();
  await dialog(page).getByLabel("Notes").fill("Jenkins build #77");
  await dialog(page).getByRole("button", { name: "Mark done" }).click();
  await expect(deploy).toHaveAttribute("data-status", "done");
  await expect(deploy.getByText(/Completed .* by Riley Release · Notes: Jenkins build #77/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /Deploy steps \(1\/4 done\)/ })).toBeVisible();

  // Skipping without a reason is refused; with one it works.
  const config = step(page, "Update ConfigMap");
  await config.getByRole("button", { name: "Skip" }).click();
  await dialog(page).getByLabel("Reason").fill("   ");
  await dialog(page).getByRole("button", { name: "Skip step" }).click();
  await expect(dialog(page).getByText("A reason is required to skip a step.")).toBeVisible();
  await dialog(page).getByLabel("Reason").fill("ConfigMap is managed by the customer's GitOps repo");
  await dialog(page).getByRole("button", { name: "Skip step" }).click();
  await expect(config).toHaveAttribute("data-status", "skipped");
  await expect(config.getByText("Skipped: ConfigMap is managed")).toBeVisible();

  // Revert the done step: it becomes work to redo, its history keeps who did it.
  await deploy.getByRole("button", { name: "Revert" }).click();
  await dialog(page).getByRole("button", { name: "Revert" }).click();
  await expect(deploy).toHaveAttribute("data-status", "reverted");
  await deploy.getByRole("button", { name: "View content" }).click();
  const history = deploy.getByRole("region", { name: /History of/ });
  await expect(history.getByText("Marked as done")).toBeVisible();
  await expect(history.getByText("Reverted")).toBeVisible();

  // Reset the override to the template.
  await sql.getByRole("button", { name: "Reset to template" }).click();
  await dialog(page).getByRole("button", { name: "Reset to template" }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(sql.getByRole("button", { name: "View original" })).toHaveCount(0);
  await expect(sql.getByRole("button", { name: "Override content" })).toBeVisible();
});

test("a stale page loses to another release manager's change and is told who and when", async ({ page, browser }) => {
  // Live updates would redraw Riley's page at once (live.spec); without them — a dropped
  // stream, a proxy that buffers — the version check is what protects Sam's change.
  await page.route("**/api/v1/events", (route) => route.abort());
  await page.goto(rollout.checklist(1));
  const samContext = await browser.newContext({ storageState: storageState("sam") });
  const sam = await samContext.newPage();
  await sam.goto(rollout.checklist(1));
  await step(sam, "Deploy via Jenkins").getByRole("button", { name: "Mark done" }).click();
  await sam.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(step(sam, "Deploy via Jenkins")).toHaveAttribute("data-status", "done");
  await samContext.close();

  // Riley's page still shows it pending; skipping it now is refused and the page reloads.
  const deploy = step(page, "Deploy via Jenkins");
  await deploy.getByRole("button", { name: "Skip" }).click();
  await dialog(page).getByLabel("Reason").fill("not needed");
  await dialog(page).getByRole("button", { name: "Skip step" }).click();
  await expect(deploy.getByText(/This step was changed by Sam Shipper just now\. Nothing was overwritten/)).toBeVisible();
  await expect(deploy).toHaveAttribute("data-status", "done");
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });
  test("sees content and history but no actions", async ({ page }) => {
    await page.goto(rollout.checklist(2));
    await expect(page.getByRole("heading", { name: `Customer: ${rollout.customers[2].name}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark done" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add custom step" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Override content" })).toHaveCount(0);
    await step(page, "Run Migration SQL").getByRole("button", { name: "View content" }).click();
    await expect(step(page, "Run Migration SQL").getByText("ALTER TABLE users")).toBeVisible();
  });
});

test("a step action on the customer page answers with that step only; the page updates in place", async ({ page }) => {
  await page.goto(rollout.checklist(2));
  await expect(page.getByRole("heading", { name: /Deploy steps \(0\/3 done\)/ })).toBeVisible();
  const answers: string[] = [];
  const reloads: string[] = [];
  // A reload of this page's data (links elsewhere may prefetch; that is not this page re-rendering).
  const here = new URL(page.url()).pathname;
  page.on("request", (r) => {
    if (r.method() === "GET" && r.headers()["rsc"] && new URL(r.url()).pathname === here) reloads.push(r.url());
  });
  // Through the route so the streamed answer's body can be read whole.
  await page.route("**/releases/**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const response = await route.fetch();
    answers.push(await response.text());
    await route.fulfill({ response });
  });

  const deploy = step(page, "Deploy via Jenkins");
  await deploy.getByRole("button", { name: "Mark done" }).click();
  await dialog(page).getByLabel("Notes").fill("build 12");
  await dialog(page).getByRole("button", { name: "Mark done" }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(deploy).toHaveAttribute("data-status", "done");
  await expect(deploy.getByText(/Notes: build 12/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /Deploy steps \(1\/3 done\)/ })).toBeVisible();

  await deploy.getByRole("button", { name: "Revert" }).click();
  await dialog(page).getByRole("button", { name: "Revert" }).click();
  await expect(deploy).toHaveAttribute("data-status", "reverted");
  await expect(page.getByRole("heading", { name: /Deploy steps \(0\/3 done\)/ })).toBeVisible();

  expect(answers).toHaveLength(2);
  for (const [i, body] of answers.entries()) {
    // A patch of the changed step (its new fields and the history entry the change wrote), not a
    // re-render of the page: no other step, not even this one's name or content again.
    expect(body).toContain('"patch":{"kind":"status"');
    expect(body).toContain(i === 0 ? '"label":"Marked as done"' : '"label":"Reverted"');
    expect(body).not.toContain("Deploy via Jenkins");
    expect(body).not.toContain("Health Check API");
    expect(Buffer.byteLength(body)).toBeLessThan(2048);
  }
  expect(reloads).toEqual([]);
  // What the page shows is what the server has.
  await page.reload();
  await expect(step(page, "Deploy via Jenkins")).toHaveAttribute("data-status", "reverted");
});
