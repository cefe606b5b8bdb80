import { expect, test } from "@playwright/test";
import { createRollout, type Rollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Campaign mode: one step walked across five customers by keyboard alone — d done, s skip with a
 * reason (remembered), j / k — and a customer someone else completed meanwhile passed over with a
 * notice. A rollout of its own.
 */
let rollout: Rollout;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await browser.newPage({ storageState: storageState("admin") });
  rollout = await createRollout(admin, { label: "campaign", customers: 5, steps: [{ name: "Restart api", content: "kubectl -n {{ namespace }} rollout restart deploy/api" }] });
  await admin.close();
});

test.use({ storageState: storageState("rm"), permissions: ["clipboard-read", "clipboard-write"] });

test("walk one step across five customers by keyboard alone", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const [c0, c1, c2, c3, c4] = rollout.customers;
  // Someone else completed the third customer before the walk starts: it is not in the walk.
  const sam = await browser.newPage({ storageState: storageState("admin") });
  await sam.goto(rollout.checklist(2));
  const other = sam.locator('li[data-testid="step"][data-step-name="Restart api"]');
  await other.getByRole("button", { name: "Mark done" }).click();
  await sam.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(other).toHaveAttribute("data-status", "done");

  await sam.close();

  // From the matrix's row header to the step across customers, and from there into the walk.
  await page.goto(`/releases/${rollout.release.id}/matrix`);
  await page.getByRole("link", { name: /Restart api/ }).first().click();
  await page.getByRole("link", { name: "Run across customers" }).click();
  await expect(page.getByRole("heading", { name: "Run across customers: Restart api" })).toBeVisible();
  const current = page.getByTestId("campaign-current");
  const progress = page.getByTestId("campaign-progress");
  // Four still to do (the third was done before the page loaded).
  await expect(progress).toContainText("0 of 4 handled · 0 skipped");

  await expect(current.getByRole("heading", { name: c0.name })).toBeVisible();
  await expect(current).toContainText(`kubectl -n ${c0.namespace} rollout restart deploy/api`);
  await page.keyboard.press("c");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`kubectl -n ${c0.namespace} rollout restart deploy/api`);
  await page.keyboard.press("d");
  await expect(current.getByRole("heading", { name: c1.name })).toBeVisible();
  await expect(progress).toContainText("1 of 4 handled");

  // k goes back to a customer already handled, j forward again.
  await page.keyboard.press("k");
  await expect(current.getByRole("heading", { name: c0.name })).toBeVisible();
  await expect(current).toContainText("Done here");
  await page.keyboard.press("j");
  await expect(current.getByRole("heading", { name: c1.name })).toBeVisible();

  // s asks for a reason first; Enter skips with it, and it is kept for the next customer.
  await page.keyboard.press("s");
  await expect(page.getByLabel("Reason for skip")).toBeFocused();
  await page.keyboard.type("Not on this customer's plan");
  await page.keyboard.press("Enter");
  await expect(current.getByRole("heading", { name: c3.name })).toBeVisible();
  await expect(progress).toContainText("2 of 4 handled · 1 skipped");
  await expect(page.getByLabel("Reason for skip")).toHaveValue("Not on this customer's plan");
  await expect(page.getByLabel("Reason for skip")).not.toBeFocused();
  // A note for this one: type it, Esc back to the keys, d.
  await page.getByLabel("Note for done (optional)").focus();
  await page.keyboard.type("build 7");
  await page.keyboard.press("Escape");
  await page.keyboard.press("d");
  await expect(current.getByRole("heading", { name: c4.name })).toBeVisible();
  await page.keyboard.press("d");
  await expect(page.getByText("End of the list")).toBeVisible();
  await expect(progress).toContainText("4 of 4 handled · 1 skipped");
  expect(c2.name).toBeTruthy();

  // What the checklists say now.
  await page.goto(rollout.checklist(1));
  await expect(page.locator('li[data-testid="step"][data-step-name="Restart api"]')).toHaveAttribute("data-status", "skipped");
  await page.goto(rollout.checklist(4));
  await expect(page.locator('li[data-testid="step"][data-step-name="Restart api"]')).toHaveAttribute("data-status", "done");
});

test("a customer someone else completes during the walk is passed over with a notice", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const fresh = await (async () => {
    const admin = await browser.newPage({ storageState: storageState("admin") });
    const r = await createRollout(admin, { label: "campaign2", customers: 3, steps: [{ name: "Flush cache", content: "redis-cli -n 0 flushdb" }] });
    await admin.close();
    return r;
  })();
  const [a, b, c] = fresh.customers;
  await page.goto(`/releases/${fresh.release.id}/matrix`);
  await page.getByRole("link", { name: /Flush cache/ }).first().click();
  await page.getByRole("link", { name: "Run across customers" }).click();
  const current = page.getByTestId("campaign-current");
  await expect(current.getByRole("heading", { name: a.name })).toBeVisible();

  // Meanwhile Sam completes the third customer (the page has not loaded its step yet).
  const sam = await browser.newPage({ storageState: storageState("admin") });
  await sam.goto(fresh.checklist(2));
  const other = sam.locator('li[data-testid="step"][data-step-name="Flush cache"]');
  await other.getByRole("button", { name: "Mark done" }).click();
  await sam.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(other).toHaveAttribute("data-status", "done");
  await sam.close();

  await page.keyboard.press("d");
  await expect(current.getByRole("heading", { name: b.name })).toBeVisible();
  await page.keyboard.press("d");
  // The third customer's copy is done already: not offered, said.
  await expect(page.getByTestId("campaign-notice")).toContainText(`${c.name} was completed by`);
  await expect(page.getByText("End of the list")).toBeVisible();
});
