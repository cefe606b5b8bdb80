import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoRelease } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The views added for "what will actually run" and execution at scale, on the demo seed (read
 * only: nothing here acts): the burndown, campaign mode, a drifted override's panel and the
 * shortcuts overlay have no serious or critical axe violations in either scheme; "?" and "g r" work.
 */
test.use({ storageState: storageState("rm") });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test("burndown, campaign mode, a drifted override and the shortcuts overlay", async ({ page }) => {
      test.setTimeout(90_000);
      const demo = await demoRelease(page);
      await page.goto(demo.url);
      await expect(page.getByTestId("burndown-chart")).toBeVisible();
      await expect(page.getByTestId("burndown-summary")).toContainText("steps left");
      await page.getByText("The burndown as a table").click();
      await expect(page.getByTestId("burndown-table").getByRole("row").nth(1)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(demo.matrix);
      await page.getByRole("button", { name: /^Run Migration SQL — customer-b: Pending, overridden, template changed since the override/ }).click();
      const panel = page.getByRole("dialog", { name: "Step: Run Migration SQL" });
      await expect(panel.getByTestId("drift")).toBeVisible();
      await expect(panel.getByText("Needs a review before it can be marked done")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");

      await page.getByRole("link", { name: /Deploy via Jenkins/ }).first().click();
      await page.getByRole("link", { name: "Run across customers" }).click();
      await expect(page.getByRole("heading", { name: "Run across customers: Deploy via Jenkins" })).toBeVisible();
      await expect(page.getByTestId("campaign-current")).toContainText("--kubeconfig");
      expect(await seriousViolations(page)).toEqual([]);

      await page.locator("body").press("?");
      const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await expect(help).toBeVisible();
      await expect(help).toContainText("Go to Releases");
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await expect(help).toBeHidden();
      await page.locator("body").press("g");
      await page.locator("body").press("r");
      await expect(page).toHaveURL(/\/releases$/);
    });
  });
}
