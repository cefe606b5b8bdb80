import { expect, test } from "@playwright/test";
import { createRollout, demoRelease } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Issue 25's findings, seen as a person (or a monitor) would: unknown ids answer 404, a refusal is
 * said once at its field, and "Mark all done" promises exactly what it does.
 */
test.use({ storageState: storageState("admin") });

test("an unknown id answers HTTP 404 on every page that takes one, and the not-found page says so", async ({ page, request }) => {
  const demo = await demoRelease(page);
  const unknown = [
    "/releases/999999",
    "/releases/not-a-number",
    "/releases/999999/matrix",
    "/releases/999999/edit",
    `${demo.url}/customers/999999`,
    `${demo.url}/steps/999999`,
    `${demo.url}/steps/999999/campaign`,
    `${demo.url}/templates/999999/edit`,
    "/clusters/999999",
    "/customers/999999",
    "/customers/999999/ledger",
    "/tracks/999999/edit",
    "/webhooks/999999",
    "/no-such-page",
  ];
  const statuses = await Promise.all(unknown.map(async (url) => [url, (await request.get(url, { maxRedirects: 0 })).status()]));
  expect(statuses).toEqual(unknown.map((url) => [url, 404]));
  await page.goto("/releases/999999");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
  // A page that exists still answers 200.
  expect((await request.get(demo.url)).status()).toBe(200);
});

test.describe("as a release manager", () => {
  test.use({ storageState: storageState("rm") });

  test("a refused save says why once, at the field", async ({ page }) => {
    const demo = await demoRelease(page);
    await page.goto(`${demo.url}/templates/new?category=deploy`);
    await page.locator("input[name=name]").fill("Typo in a variable");
    await page.getByLabel("Content").fill("kubectl -n {{ namspace }} get pods");
    await page.getByRole("button", { name: "Add step" }).click();
    const message = page.getByText(/Unknown variable \{\{ namspace \}\}/);
    await expect(message).toHaveCount(1);
    await expect(page.getByRole("alert").filter({ hasText: "namspace" })).toHaveCount(1);
  });

  test("mark all says beforehand how many it marks and whose review the rest wait for", async ({ page }) => {
    test.setTimeout(90_000);
    const rollout = await createRollout(page, { label: "markall", customers: 1, steps: [{ name: "Deploy", content: "helm upgrade app ./chart" }] });
    await page.goto(rollout.checklist(0));
    // A custom step that asks for a second pair of eyes, written by Riley.
    await page.getByRole("button", { name: "Add custom step" }).first().click();
    const add = page.getByRole("dialog", { name: /Add custom step/ });
    await add.getByLabel("Step name").fill("Purge cache");
    await add.getByLabel("Content").fill("curl -X PURGE https://cdn.example/{{ namespace }}");
    await add.getByLabel("Needs review (four eyes)").check();
    await add.getByRole("button", { name: "Add step" }).click();
    await expect(add).toBeHidden();
    const purge = page.locator('li[data-testid="step"][data-step-name="Purge cache"]');
    await expect(purge).toContainText(/review/i);

    await page.getByRole("button", { name: "Mark all deploy steps done" }).click();
    const dialog = page.getByRole("dialog", { name: "Mark all deploy steps done" });
    await expect(dialog).toContainText(`1 of the 2 open deploy steps for ${rollout.customers[0].name} will be marked done; 1 waits for a review by someone other than Riley Release.`);
    await dialog.getByRole("button", { name: "Mark 1 done" }).click();
    await expect(page.getByText(`Marked 1 deploy step done for ${rollout.customers[0].name}; 1 waits for a review by someone other than Riley Release`)).toBeVisible();
    await expect(page.locator('li[data-testid="step"][data-step-name="Deploy"]')).toHaveAttribute("data-status", "done");
    await expect(purge).toHaveAttribute("data-status", "pending");
    // Nothing left that mark all could take: it says so instead of offering the button.
    await expect(page.getByText("1 waits for a review by someone other than Riley Release.").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark all deploy steps done" })).toHaveCount(0);
  });
});
