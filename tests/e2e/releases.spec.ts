import { expect, test, type Locator, type Page } from "@playwright/test";
import { createClusterWithCustomers } from "./support/fixtures";
import { storageState } from "./support/users";

test.use({ storageState: storageState("rm") });

const deployList = (page: Page) => page.getByRole("list", { name: "Deploy steps" });
const namesIn = async (list: Locator) => list.getByTestId("template-step").evaluateAll((els) => els.map((e) => e.getAttribute("data-step-name")));

async function addStep(page: Page, category: "deploy" | "verify", step: { name: string; type: string; content: string }) {
  await page.getByRole("link", { name: `Add ${category} step` }).click();
  await expect(page.getByRole("heading", { name: "Add template step" })).toBeVisible();
  await page.locator("input[name=name]").fill(step.name);
  await page.locator("select[name=type]").selectOption(step.type);
  await page.locator("textarea[name=content]").fill(step.content);
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByTestId("template-step").filter({ hasText: step.name })).toBeVisible();
}

test("create a release with steps, reorder by keyboard and drag, activate, clone", async ({ page, browser }) => {
  test.setTimeout(60_000); // customers, a release, activation and a clone: 20–30 s here
  // Customers of its own to activate for (the demo seed's customers stay as they are).
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const own = await createClusterWithCustomers(admin, { label: "rel", customers: 2 });
  await admin.close();
  const name = `E2E release ${Date.now()}`;
  await page.goto("/releases/new");

  // Field errors first: a release needs a well-formed version.
  await page.locator("input[name=name]").fill(name);
  await page.locator("input[name=versionNumber]").fill("9.1");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByText('Use a version like "v2.5.0"')).toBeVisible();
  await page.locator("input[name=versionNumber]").fill("v9.1.0");
  await page.getByLabel("Track").selectOption("none"); // every customer at once (stages: stages.spec.ts)
  await page.locator("input[name=releaseDate]").fill("2026-12-01");
  await page.locator("textarea[name=description]").fill("Highlights\n- **Faster** search\n- New `region` column");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(/\/releases\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator("strong", { hasText: "Faster" })).toBeVisible();
  const releaseUrl = page.url();

  await addStep(page, "deploy", { name: "Alpha", type: "bash", content: "kubectl -n $NAMESPACE rollout status deploy/api" });
  await addStep(page, "deploy", { name: "Beta", type: "sql", content: "SELECT count(*) FROM orders WHERE region IS NULL;" });
  await addStep(page, "deploy", { name: "Gamma", type: "yaml", content: "apiVersion: v1\nkind: ConfigMap" });
  await addStep(page, "verify", { name: "Check", type: "text", content: "Open the dashboard" });
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Alpha", "Beta", "Gamma"]);

  // Highlighting: shiki tokens with both theme colours, rendered on the server, with line numbers.
  const beta = page.getByTestId("template-step").filter({ hasText: "Beta" });
  await expect(beta.locator(".shiki span[style*='--shiki-light']").first()).toBeVisible();
  await expect(beta.getByRole("button", { name: "Copy" })).toBeVisible();

  // Keyboard, as fast as a user types (no pause between keys): Space picks up, arrows move,
  // Escape puts it back, Space drops.
  await page.getByRole("button", { name: "Reorder Gamma" }).focus();
  for (const key of ["Space", "ArrowUp", "Escape"]) await page.keyboard.press(key);
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Alpha", "Beta", "Gamma"]);
  await expect(page.getByText(/Reordering cancelled/)).toBeAttached();
  for (const key of ["Space", "ArrowUp", "ArrowUp", "Space"]) await page.keyboard.press(key);
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Gamma", "Alpha", "Beta"]);
  await expect(page.getByText(/Saved: Gamma is now step 1/)).toBeAttached();
  await expect(page.getByRole("button", { name: "Reorder Gamma" })).toBeFocused();

  // Pointer drag: Alpha below Beta.
  const handle = page.getByRole("button", { name: "Reorder Alpha" });
  const target = page.getByTestId("template-step").filter({ hasText: "Beta" });
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(from.x + from.width / 2, from.y + (to.y + to.height * 0.8 - from.y) * (i / 12));
  }
  await page.mouse.up();
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Gamma", "Beta", "Alpha"]);
  await expect(page.getByText(/Saved: Alpha is now step 3/)).toBeAttached();

  // And the explicit button.
  await page.getByRole("button", { name: "Move Alpha up" }).click();
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Gamma", "Alpha", "Beta"]);
  await expect(page.getByText(/Saved: Alpha is now step 2/)).toBeAttached();
  await page.reload();
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Gamma", "Alpha", "Beta"]);

  // Activate for one cluster: the dialog says what will happen, the page says what happened.
  await page.getByRole("button", { name: "Activate…" }).click();
  const summary = page.getByTestId("activation-summary");
  await expect(summary).toContainText("will get 4 steps each");
  await page.getByRole("dialog").getByLabel(/Customers in chosen clusters/).check();
  await page.getByRole("dialog").getByRole("checkbox", { name: new RegExp(`^${own.cluster.name}\\b`) }).check();
  await expect(summary).toContainText("2 customers in 1 cluster will get 4 steps each — 8 customer steps in total");
  const customers = 2;
  await page.getByRole("button", { name: /^Activate for \d+ customers?$/ }).click();
  await expect(page.getByTestId("steps-created")).toHaveText(`${customers * 4} customer steps`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  await expect(page.getByText(`0/${customers * 4} customer steps done`)).toBeVisible();

  // Clone into a new draft with the same steps in the same order.
  await page.getByRole("button", { name: "Clone" }).click();
  await expect(page.locator("input[name=name]")).toHaveValue(`${name} (copy)`);
  await page.locator("#clone-version").fill("v9.2.0");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).not.toHaveURL(releaseUrl);
  await expect(page.getByText("Copied 4 template steps")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Draft");
  await expect.poll(() => namesIn(deployList(page))).toEqual(["Gamma", "Alpha", "Beta"]);
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees releases but no controls that change them", async ({ page }) => {
    await page.goto("/releases");
    await expect(page.getByRole("heading", { name: "Releases", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "New release" })).toHaveCount(0);
    const first = page.getByRole("table").getByRole("link").first();
    if (await first.count()) {
      await first.click();
      await expect(page.getByRole("button", { name: /Activate|Clone|Archive/ })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Reorder / })).toHaveCount(0);
    }
  });
});
