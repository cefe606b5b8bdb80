import { expect, test, type Page } from "@playwright/test";
import { storageState } from "./support/users";

// Each run gets fresh names: the e2e database lives for the whole Playwright run.
const suffix = Date.now().toString(36);

async function createClusterThroughDialog(page: Page, name: string) {
  await page.goto("/clusters");
  await page.getByRole("button", { name: "+ Cluster" }).click();
  const dialog = page.getByRole("dialog", { name: "New cluster" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByLabel("Kubeconfig path").fill(`~/.kube/${name}-config`);
  await dialog.getByLabel("Metadata value 1").fill("ap-south-1");
  await dialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(dialog).toBeHidden();
}

test.describe("as a release manager (who keeps clusters and customers)", () => {
  test.use({ storageState: storageState("rm") });

  test("creates a cluster, adds a customer to it and filters the customer list by it", async ({ page }) => {
    const cluster = `e2e-${suffix}`;
    await createClusterThroughDialog(page, cluster);
    const card = page.getByRole("region", { name: cluster });
    await expect(card).toContainText(`~/.kube/${cluster}-config`);
    await expect(card).toContainText("ap-south-1");
    await expect(card).toContainText("0 customers");

    // Add a customer from the cluster's page: the cluster is preselected.
    await card.getByRole("link", { name: cluster }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(cluster);
    await page.getByRole("button", { name: "+ Customer" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New customer" });
    await expect(dialog.getByLabel("Cluster")).toHaveValue(/\d+/);
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(`acme-${suffix}`);
    await dialog.getByLabel("Namespace").fill("Acme_Prod");
    await dialog.getByRole("button", { name: "Add customer" }).click();
    // Bad input: the message sits next to the field and what was typed stays.
    await expect(dialog.getByText("Namespace must be lowercase")).toBeVisible();
    await expect(dialog.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(`acme-${suffix}`);
    await dialog.getByLabel("Namespace").fill("acme-prod");
    await dialog.getByRole("button", { name: "Add customer" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("row", { name: new RegExp(`acme-${suffix}.*acme-prod`) })).toBeVisible();

    // Filter the customer list by the new cluster; the filter lives in the URL and survives a reload.
    await page.goto("/customers");
    await expect(page.getByRole("heading", { name: /prod-us/ })).toBeVisible();
    await page.getByLabel("Cluster").selectOption({ label: cluster });
    await expect(page).toHaveURL(/\/customers\?cluster=\d+$/);
    await expect(page.getByRole("heading", { name: /prod-us/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `acme-${suffix}` })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Cluster")).toHaveValue(/\d+/);
    await expect(page.getByRole("link", { name: `acme-${suffix}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: /prod-us/ })).toHaveCount(0);
    await expect(page.getByText("1 active customer on")).toBeVisible();
  });

  test("a duplicate cluster name and a duplicate namespace show field errors", async ({ page }) => {
    await page.goto("/clusters");
    await page.getByRole("button", { name: "+ Cluster" }).click();
    const dialog = page.getByRole("dialog", { name: "New cluster" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("PROD-US");
    await dialog.getByLabel("Description").fill("typed before the refusal");
    await dialog.getByRole("button", { name: "Create cluster" }).click();
    await expect(dialog.getByText("A cluster named prod-us already exists.")).toBeVisible();
    await expect(dialog.getByLabel("Description")).toHaveValue("typed before the refusal");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.goto("/customers");
    await page.getByRole("button", { name: "+ Customer" }).click();
    const add = page.getByRole("dialog", { name: "New customer" });
    await add.getByRole("textbox", { name: "Name", exact: true }).fill(`dup-${suffix}`);
    await add.getByLabel("Cluster").selectOption({ label: "prod-us" });
    await add.getByLabel("Namespace").fill("cust-a-prod");
    await add.getByRole("button", { name: "Add customer" }).click();
    await expect(add.getByText("Namespace cust-a-prod on prod-us is already used by customer-a.")).toBeVisible();
  });

  test("deleting a cluster that still has customers is refused", async ({ page }) => {
    await page.goto("/clusters");
    await page.getByRole("button", { name: "Delete prod-eu" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete prod-eu?" });
    await expect(dialog).toContainText("prod-eu still has 2 active customers (customer-d, customer-e)");
    await expect(dialog.getByRole("button", { name: /Delete cluster/ })).toHaveCount(0);
    await dialog.getByText("Close", { exact: true }).click();
    await expect(page.getByRole("region", { name: "prod-eu" })).toBeVisible();
  });

  test("moving a customer warns about the context change", async ({ page }) => {
    await page.goto("/customers");
    await page.getByRole("button", { name: "Edit demo-customer" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit demo-customer" });
    await dialog.getByLabel("Cluster").selectOption({ label: "prod-eu" });
    await expect(dialog.getByText("Moving demo-customer from staging to prod-eu")).toBeVisible();
    await expect(dialog).toContainText("~/.kube/prod-eu-config");
    await expect(dialog.getByRole("button", { name: "Move to prod-eu and save" })).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees clusters and customers but no controls that change them", async ({ page }) => {
    await page.goto("/clusters");
    await expect(page.getByRole("region", { name: "prod-us" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Cluster|Edit|Delete/ })).toHaveCount(0);

    await page.getByRole("link", { name: "prod-us" }).first().click();
    await expect(page.getByRole("link", { name: "customer-a", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /Customer|Edit|Delete/ })).toHaveCount(0);

    await page.goto("/customers");
    await expect(page.getByRole("link", { name: "customer-a", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: /Customer|Edit|Archive|Restore/ })).toHaveCount(0);

    await page.getByRole("link", { name: "customer-a", exact: true }).click();
    await expect(page.getByText("cust-a-prod")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Release history" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Edit|Archive|Restore/ })).toHaveCount(0);
  });

  test("an unknown cluster or customer shows not found", async ({ page }) => {
    await page.goto("/clusters/999999");
    await expect(page.getByText("Cluster not found")).toBeVisible();
    await page.goto("/customers/not-a-number");
    await expect(page.getByText("Customer not found")).toBeVisible();
  });
});
