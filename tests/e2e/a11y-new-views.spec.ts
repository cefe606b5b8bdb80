import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { demoRelease } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The views added for "what will actually run" and execution at scale, on the demo seed (read
 * only: nothing here acts): the burndown, campaign mode, a drifted override's panel, the
 * shortcuts overlay and a customer's evidence ledger have no serious or critical axe violations in
 * either scheme; "?" and "g r" work; the ledger filters and exports.
 */
test.use({ storageState: storageState("rm") });

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

      // A customer's evidence ledger: what ran for customer-d, exported as CSV.
      await page.goto("/customers");
      await page.getByRole("link", { name: "customer-d", exact: true }).first().click();
      await page.getByRole("link", { name: "Evidence ledger →" }).click();
      await expect(page.getByRole("heading", { name: "Evidence ledger" })).toBeVisible();
      const done = page.getByTestId("ledger").locator('tr[data-kind="marked_done"]', { hasText: "Deploy via Jenkins" }).first();
      await expect(done).toContainText("Done");
      await done.getByText("What ran").click();
      await expect(done).toContainText("namespace=cust-d-prod&version=v2.5.0");
      expect(await seriousViolations(page)).toEqual([]);
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
      expect(file.suggestedFilename()).toBe("cust-d-prod-ledger.csv");
      await page.getByLabel("Event").selectOption("reverted");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page.getByTestId("ledger-count")).toHaveText("1 entry");
    });
  });
}
