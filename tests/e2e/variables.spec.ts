import { expect, test, type Page } from "@playwright/test";
import { createRollout, type Rollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * What will actually run (variables rendered per customer): each customer's panel shows and
 * copies its own command; a manifest naming another namespace is flagged; an override whose
 * template changed since shows the three versions and can be kept. A rollout of its own.
 */
let rollout: Rollout;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newPage({ storageState: storageState("admin") });
  rollout = await createRollout(admin, {
    label: "vars",
    customers: 2,
    steps: [
      { name: "Restart api", content: "kubectl -n {{ namespace }} rollout restart deploy/api" },
      {
        name: "Apply config",
        type: "yaml",
        content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: {{ namespace }}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api-token\n  namespace: kube-system",
      },
    ],
  });
  await admin.close();
});

test.use({ storageState: storageState("rm"), permissions: ["clipboard-read", "clipboard-write"] });

const cell = (page: Page, step: string, customer: string) => page.getByRole("button", { name: new RegExp(`^${step} — ${customer}:`) });
const panelFor = (page: Page, step: string) => page.getByRole("dialog", { name: `Step: ${step}` });

test("each customer's panel shows its own namespace, and Copy copies the command as it runs", async ({ page }) => {
  test.setTimeout(60_000);
  for (const customer of rollout.customers) {
    await page.goto(rollout.matrix);
    await cell(page, "Restart api", customer.name).click();
    const panel = panelFor(page, "Restart api");
    const content = panel.getByTestId("step-content");
    await expect(content).toContainText(`kubectl -n ${customer.namespace} rollout restart deploy/api`);
    await expect(content).toContainText(`Variables filled in for ${customer.name}`);
    await content.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByText("Copied to the clipboard")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`kubectl -n ${customer.namespace} rollout restart deploy/api`);

    // The template as written, one click away; Copy then takes that.
    await content.getByRole("button", { name: "Template" }).click();
    await expect(content).toContainText("kubectl -n {{ namespace }} rollout restart deploy/api");
    await expect(content.getByRole("button", { name: "Template" })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Escape");
  }
});

test("a manifest that names another namespace than the customer's is flagged", async ({ page }) => {
  const [first] = rollout.customers;
  await page.goto(rollout.matrix);
  await cell(page, "Apply config", first.name).click();
  const objects = panelFor(page, "Apply config").getByTestId("manifest-objects");
  await expect(objects.getByRole("table")).toContainText("ConfigMap");
  await expect(objects.getByRole("row", { name: /ConfigMap api-config/ })).toContainText(first.namespace);
  await expect(objects.getByText("Another namespace than this customer's")).toBeVisible();
  await expect(objects).toContainText(`Secret api-token names namespace kube-system, but this customer is ${first.namespace}`);
  await expect(objects.locator("tr[data-wrong-namespace]")).toHaveCount(1);
});

test("drift: the template changed since an override — three versions, and keep my override", async ({ page }) => {
  test.setTimeout(90_000);
  const [, second] = rollout.customers;
  // This customer's override.
  await page.goto(rollout.checklist(1));
  const step = page.locator('li[data-testid="step"][data-step-name="Restart api"]');
  await step.getByRole("button", { name: "Override content" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Content").fill("kubectl -n {{ namespace }} rollout restart deploy/api --timeout=5m");
  await dialog.getByRole("button", { name: "Save override" }).click();
  await expect(dialog).toBeHidden();

  // Then someone edits the template.
  await page.goto(`/releases/${rollout.release.id}`);
  await page.getByRole("link", { name: "Edit Restart api" }).click();
  await expect(page.getByText("Tab indents. To leave the editor, press Esc, then Tab.")).toBeVisible();
  await page.getByRole("textbox", { name: "Content" }).fill("kubectl -n {{ namespace }} rollout restart deploy/api\nkubectl -n {{ namespace }} rollout status deploy/api");
  await page.getByRole("button", { name: "Save step" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${rollout.release.id}$`));

  // The matrix marks the cell; the panel shows the three versions.
  await page.goto(rollout.matrix);
  const marked = page.getByRole("button", { name: new RegExp(`^Restart api — ${second.name}: Pending, overridden, template changed since the override`) });
  await expect(marked).toBeVisible();
  await marked.click();
  const drift = panelFor(page, "Restart api").getByTestId("drift");
  await expect(drift).toContainText("Template changed since this override");
  await expect(drift.getByRole("region", { name: "Template when overridden" })).toContainText("kubectl -n {{ namespace }} rollout restart deploy/api");
  await expect(drift.getByRole("region", { name: "This customer's override" })).toContainText("--timeout=5m");
  await expect(drift.getByRole("region", { name: "What changed in the template" })).toContainText("added: kubectl -n {{ namespace }} rollout status deploy/api");

  await drift.getByRole("button", { name: "Keep my override" }).click();
  await page.getByRole("dialog", { name: 'Keep the override of "Restart api"' }).getByRole("button", { name: "Keep my override" }).click();
  await expect(panelFor(page, "Restart api").getByTestId("drift")).toHaveCount(0);
  await expect(panelFor(page, "Restart api")).toContainText("Override kept (template changed)");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: new RegExp(`^Restart api — ${second.name}: Pending, overridden$`) })).toBeVisible();
});
