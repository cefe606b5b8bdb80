import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse, stringify } from "yaml";
import { demoRelease, unique } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The fleet from files (issue 27), as a release manager does it: a 50-customer spreadsheet with one
 * bad row is refused by row with nothing written; fixed, its preview says exactly what will
 * happen, and applying it brings 50 customers in at once, each with the active release's steps.
 * The exported fleet file, imported back, changes nothing.
 */
test.use({ storageState: storageState("rm") });

test("a 50-customer CSV: a bad row refused by path, fixed, previewed, applied; the customers have their steps; export and re-import change nothing", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = unique("fleet").toLowerCase();
  const rows = Array.from({ length: 50 }, (_, i) => `${tag}-${String(i).padStart(2, "0")};prod-eu;${tag}-ns-${i};${i % 2 ? "gold" : "silver"}`);
  const bad = [...rows];
  bad[36] = `${tag}-36;prod-eu;${tag.toUpperCase()}_NS;gold`;
  const csv = (lines: string[]) => ["name;cluster;namespace;tier", ...lines].join("\n");

  await page.goto("/clusters");
  await page.getByRole("link", { name: "Import fleet" }).click();
  await expect(page.getByRole("heading", { name: "Import fleet" })).toBeVisible();
  await page.getByRole("radio", { name: /Customers CSV/ }).check();
  await page.getByLabel("The file's text").fill(csv(bad));
  await page.getByRole("button", { name: "Preview" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "The file cannot be imported as it is" });
  await expect(refused).toContainText("customers.36.namespace");
  await expect(refused).toContainText("Namespace must be lowercase");
  await expect(page.getByRole("button", { name: /^Apply/ })).toBeDisabled();
  await page.goto(`/customers?q=${tag}`);
  await expect(page.getByText(`${tag}-00`)).toHaveCount(0);

  await page.goto("/clusters/import");
  await page.getByRole("radio", { name: /Customers CSV/ }).check();
  await page.getByLabel("The file's text").fill(csv(rows));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("fleet-preview");
  await expect(preview.getByText("Customers to create", { exact: true })).toBeVisible();
  await expect(preview.locator("dd").nth(2)).toHaveText("50");
  await expect(page.getByTestId("fleet-joins")).toContainText(/50 new customers will get the \d+ steps of v2\.5\.0/);
  await page.getByRole("button", { name: "Apply 50 changes" }).click();
  await expect(page.getByTestId("fleet-applied")).toContainText(/^50 customers created, \d+ steps created in active releases\.$/);

  // One of them, in the active release, with its steps (its checklist, reached from the release).
  const demo = await demoRelease(page);
  await page.goto(`/customers?q=${tag}-07`);
  await page.getByRole("link", { name: `${tag}-07` }).first().click();
  await expect(page.getByText("gold").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "v2.5.0" }).first()).toBeVisible();
  const customerId = /\/customers\/(\d+)/.exec(page.url())?.[1];
  await page.goto(`${demo.url}/customers/${customerId}`);
  await expect(page.getByRole("heading", { name: `Customer: ${tag}-07` })).toBeVisible();
  await expect(page.getByText("Deploy steps").first()).toBeVisible();
  await expect(page.getByText("(Pending)").first()).toBeVisible();

  // Export, then import the same file: nothing to do.
  await page.goto("/clusters");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export fleet" }).click()]);
  const exported = readFileSync(await download.path(), "utf8");
  expect(exported).toContain(`name: ${tag}-07`);
  await page.goto("/clusters/import");
  await page.getByLabel("The file's text").fill(exported);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("fleet-preview")).toContainText("Nothing: Runsheet already matches this file.");
  await expect(page.getByRole("button", { name: "Nothing to apply" })).toBeDisabled();

  // The same file with the 50 marked archived: they leave (and the demo release's matrix is as the
  // other tests expect it).
  const fleet = parse(exported) as { customers: Array<{ name: string; archived?: boolean }> };
  for (const c of fleet.customers) if (c.name.startsWith(`${tag}-`)) c.archived = true;
  await page.getByLabel("The file's text").fill(stringify(fleet));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("fleet-preview").locator("dd").nth(4)).toHaveText("50");
  await page.getByRole("button", { name: "Apply 50 changes" }).click();
  await expect(page.getByTestId("fleet-applied")).toHaveText("50 customers archived.");
});
