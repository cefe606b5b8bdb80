import { expect, test } from "@playwright/test";
import { demo } from "./support/users";

test("a visitor is sent to sign in and comes back to the page they asked for", async ({ page }) => {
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fclusters/);
  await page.getByLabel("Email").fill(demo.rm.email);
  await page.getByLabel("Password").fill(demo.rm.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(demo.rm.name);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.viewer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
