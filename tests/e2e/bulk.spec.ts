import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Bulk across customers in the matrix: select a cluster's block, mark it done in one confirmed
 * change (the confirmation says exactly what), the cells redraw from the answer and stay done
 * after a reload; a Shift-click range and a skip with one reason.
 */
test.use({ storageState: storageState("rm") });

test("select a cluster block and mark it done; a Shift-click range skipped with one reason", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, {
    label: "bulk",
    customers: 3,
    steps: [
      { name: "Deploy", content: "helm upgrade api ./chart" },
      { name: "Migrate", type: "sql", content: "SELECT 1;" },
    ],
  });
  await admin.close();
  const [c1, c2, c3] = rollout.customers;
  await page.goto(rollout.matrix);
  const block = page.locator(`section[data-testid="cluster"][data-cluster="${rollout.cluster.name}"]`);
  await page.getByLabel("Select cells for a bulk change").check();
  const bar = page.getByRole("region", { name: "Selection" });

  // A Shift-click rectangle: Migrate for c1 through c2, skipped with one reason.
  await block.getByRole("button", { name: `Migrate — ${c1.name}: Pending` }).click();
  await block.getByRole("button", { name: `Migrate — ${c2.name}: Pending` }).click({ modifiers: ["Shift"] });
  await expect(bar).toContainText(`2 steps selected for 2 customers in ${rollout.cluster.name}`);
  await expect(block.getByRole("button", { name: `Migrate — ${c1.name}: Pending` })).toHaveAttribute("aria-pressed", "true");
  expect(await seriousViolations(page)).toEqual([]); // the selection bar and pressed cells
  await bar.getByRole("button", { name: "Skip…" }).click();
  const skip = page.getByRole("dialog", { name: `Skip 2 steps for 2 customers in ${rollout.cluster.name}?` });
  await skip.getByRole("button", { name: "Skip 2 steps" }).click();
  await expect(skip.getByText("A reason is required to skip steps.")).toBeVisible();
  await skip.getByLabel("Reason").fill("Schema already migrated by the vendor");
  await skip.getByRole("button", { name: "Skip 2 steps" }).click();
  await expect(page.getByTestId("bulk-result")).toHaveText("Skipped 2 steps.");
  await expect(block.getByRole("button", { name: `Migrate — ${c2.name}: Skipped` })).toBeVisible();

  // The whole block: 6 cells, of which the 4 pending ones are marked done; the confirmation says so.
  await block.getByRole("button", { name: /^Select all in / }).click();
  await expect(bar).toContainText(`6 steps selected for 3 customers in ${rollout.cluster.name}`);
  await bar.getByRole("button", { name: "Mark done…" }).click();
  const confirm = page.getByRole("dialog", { name: `Mark 4 steps done for 3 customers in ${rollout.cluster.name}?` });
  await expect(confirm).toContainText("2 of the 6 selected are not in a state this change applies to");
  await confirm.getByLabel("Notes (optional)").fill("Pipeline run 4711");
  await confirm.getByRole("button", { name: "Mark 4 steps done" }).click();
  await expect(page.getByTestId("bulk-result")).toContainText("Marked 4 steps done. 2 steps left as they were (still selected): 2 not in a state this change applies to.");
  for (const c of [c1, c2, c3]) await expect(block.getByRole("button", { name: `Deploy — ${c.name}: Done` })).toBeVisible();
  await expect(block.getByRole("button", { name: `Migrate — ${c3.name}: Done` })).toBeVisible();

  // Stored, not just drawn: after a reload the cells are as the answer said.
  await page.reload();
  await expect(page.locator(`section[data-testid="cluster"][data-cluster="${rollout.cluster.name}"]`).getByRole("button", { name: `Migrate — ${c3.name}: Done` })).toBeVisible();
  await page.goto(rollout.checklist(2));
  await page.getByRole("button", { name: "View content" }).first().click().catch(() => {});
  await expect(page.getByText("Pipeline run 4711").first()).toBeVisible();
});
