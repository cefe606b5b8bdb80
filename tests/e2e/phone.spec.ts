import { expect, test } from "@playwright/test";
import { demoRelease } from "./support/fixtures";
import { everyPage, settled } from "./support/pages";
import { storageState } from "./support/users";

/* Issue 14, at 390 × 844 (a phone, touch): every page usable without sideways scrolling. */
test.use({ storageState: storageState("admin"), viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test("no page scrolls sideways at 390 px", async ({ page }) => {
  test.setTimeout(150_000); // ~25 pages on a phone-sized viewport
  const overflowing: string[] = [];
  for (const path of await everyPage(page, { admin: true })) {
    await page.goto(path);
    await settled(page);
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
    if (scroll > width) overflowing.push(`${path}: ${scroll}px wide in a ${width}px viewport`);
  }
  expect(overflowing).toEqual([]);
});

test("the main menu is a button: it opens the navigation, the account and the theme, and closes on navigation", async ({ page }) => {
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" })).toBeHidden();
  await menu.tap();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("radiogroup", { name: "Theme" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).tap();
  await expect(page.getByRole("heading", { name: "Releases", level: 1 })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.tap();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
});

test("the matrix scrolls inside itself, keeps the step column in view, and a tap on a cell opens the panel", async ({ page }) => {
  const demo = await demoRelease(page);
  await page.goto(demo.matrix);
  const stepColumn = page.locator("th[scope=row][data-step-name]").first();
  // Polled: a live update arriving just after load may redraw the row under the locator.
  const boxOf = async () => (await stepColumn.boundingBox()) ?? { x: NaN, width: Infinity };
  let box = { x: NaN, width: Infinity };
  await expect.poll(async () => (box = await boxOf()).width).toBeLessThanOrEqual(160);
  // The grid scrolls sideways on its own; the step column stays.
  const grid = page.locator(".rsm-grid").first().locator("xpath=..");
  await grid.evaluate((el) => el.scrollBy({ left: 400 }));
  await expect.poll(async () => Math.round((await boxOf()).x)).toBe(Math.round(box.x));

  const cell = page.getByRole("button", { name: /^Deploy via Jenkins — customer-a: / });
  await cell.scrollIntoViewIfNeeded();
  await cell.tap();
  const panel = page.getByRole("dialog", { name: "Step: Deploy via Jenkins" });
  await expect(panel.getByTestId("panel-status")).toBeVisible();
  const panelBox = (await panel.boundingBox())!;
  expect(panelBox.x).toBeGreaterThanOrEqual(0);
  expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(390);
});

test("a dialog fits the phone and its buttons can be reached", async ({ page }) => {
  const demo = await demoRelease(page);
  await page.goto(demo.matrix);
  await page.locator(`a[href^='/releases/${demo.id}/customers/']`).first().click();
  await page.getByRole("button", { name: "Add custom step" }).first().tap();
  const dialog = page.getByRole("dialog");
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeLessThanOrEqual(844);
  await expect(dialog.getByRole("button", { name: "Add step" })).toBeInViewport();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeInViewport();
});
