import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageState } from "./support/users";

/* axe-core on the views: no serious or critical violations (WCAG 2.x A/AA rules), light and dark. */
test.use({ storageState: storageState("rm") });

async function audit(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test("dashboard, cluster view, customer view and customer detail", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
      await audit(page);

      await page.goto("/clusters");
      await page.getByRole("link", { name: "prod-us" }).first().click();
      await expect(page.getByTestId("cluster-release-status")).toBeVisible();
      await audit(page);
      await page.goto(page.url() + "?sort=progress");
      await audit(page);

      await page.getByRole("link", { name: "Open steps of customer-a in v2.5.0" }).click();
      await expect(page.getByRole("heading", { name: "Customer: customer-a" })).toBeVisible();
      await audit(page);

      await page.goto("/customers?sort=progress");
      await expect(page.getByTestId("customers-by-progress")).toBeVisible();
      await audit(page);
      await page.getByRole("link", { name: "customer-a" }).click();
      await expect(page.getByRole("region", { name: "Release history" })).toBeVisible();
      await audit(page);
    });
  });
}
