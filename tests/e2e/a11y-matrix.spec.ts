import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { demoRelease } from "./support/fixtures";
import { storageState } from "./support/users";

test.use({ storageState: storageState("rm") });

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test("matrix, open side panel and step across customers have no serious or critical violations", async ({ page }) => {
      test.setTimeout(60_000); // the matrix, the panel and step across, each checked by axe: 25–35 s here
      const demo = await demoRelease(page);
      await page.goto(demo.matrix);
      await expect(page.getByRole("heading", { name: "Release: v2.5.0" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("button", { name: /^Run Migration SQL — customer-a: Done, overridden/ }).click();
      const panel = page.getByRole("dialog", { name: "Step: Run Migration SQL" });
      await expect(panel.getByTestId("panel-status")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await page.goto(`${demo.matrix}?category=verify&status=pending`);
      await expect(page.getByRole("link", { name: "Verify" })).toHaveAttribute("aria-current", "page");
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(demo.matrix);
      await page.getByRole("link", { name: /Run Migration SQL/ }).first().click();
      await expect(page.getByRole("heading", { name: "Step: Run Migration SQL" })).toBeVisible();
      await page.getByText("View diff").first().click();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}
