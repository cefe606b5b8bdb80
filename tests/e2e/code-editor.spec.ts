import { expect, test, type Page } from "@playwright/test";
import { createReleaseWithSteps, createRollout, type Rollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The code editor for step content (CodeMirror): YAML problems underlined as you type and
 * refused on save with line and column beside the field; Tab indents, Esc then Tab moves on;
 * filling the content the old ways (the textarea the form submits, or the "Content" label)
 * still works. Each test makes its own release.
 */
test.use({ storageState: storageState("rm") });

const editor = (scope: Page | ReturnType<Page["getByRole"]>) => scope.getByRole("textbox", { name: "Content" });
const submitted = (page: Page) => page.locator("textarea[name=content]");

async function newTemplateStep(page: Page) {
  const release = await createReleaseWithSteps(page, { label: "editor", steps: [] });
  await page.getByRole("link", { name: "Add deploy step" }).click();
  await expect(page.getByRole("heading", { name: "Add template step" })).toBeVisible();
  // CodeMirror has loaded and taken over. Not "a textbox named Content is visible": until then the
  // plain textarea is that textbox, and a fill that lands on it just before the editor takes over
  // leaves the focus in the (now hidden) textarea, where Tab moves on instead of indenting.
  await expect(page.getByText("Tab indents. To leave the editor, press Esc, then Tab.")).toBeVisible();
  await expect(page.locator(".cm-content[aria-labelledby]")).toBeVisible();
  return release;
}

test("YAML: the editor marks a syntax error, and saving refuses it with line and column", async ({ page }) => {
  await newTemplateStep(page);
  await page.locator("input[name=name]").fill("Update ConfigMap");
  await page.locator("select[name=type]").selectOption("yaml");

  const broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: app: api";
  await editor(page).fill(broken);
  await expect(submitted(page)).toHaveValue(broken);
  // Inline, as you type: underlined at line 4, column 11, and marked in the gutter.
  await expect(page.locator(".cm-lintRange-error").first()).toBeVisible();
  await expect(page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") })).toHaveText("  labels: app: api");
  await expect(page.locator(".cm-lint-marker-error")).toHaveCount(1);

  await page.getByRole("button", { name: "Add step" }).click();
  const message = "Line 4, column 11: Nested mappings are not allowed in compact mappings";
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  // The error describes the editor, and what was typed is still there.
  await expect(editor(page)).toHaveAccessibleDescription(new RegExp(message));
  await expect(editor(page)).toHaveAttribute("aria-invalid", "true");
  await expect(submitted(page)).toHaveValue(broken);

  // Another type is not YAML: no lint gutter, nothing underlined.
  await page.locator("select[name=type]").selectOption("text");
  await expect(page.locator(".cm-gutter-lint")).toHaveCount(0);
  await page.locator("select[name=type]").selectOption("yaml");

  // Fixed, as two documents: saved.
  await editor(page).fill("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: api\n---\napiVersion: v1\nkind: Secret");
  await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByTestId("template-step").filter({ hasText: "Update ConfigMap" })).toBeVisible();
});

test("keyboard: Tab indents, Esc then Tab leaves the editor, Shift+Tab comes back", async ({ page }) => {
  await newTemplateStep(page);
  await page.locator("select[name=type]").selectOption("yaml");
  await editor(page).fill("name: api");
  await page.keyboard.press("Home");
  await page.keyboard.press("Tab");
  await expect(submitted(page)).toHaveValue("  name: api");
  await expect(editor(page)).toBeFocused();

  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.locator("textarea[name=description]")).toBeFocused();
  await expect(submitted(page)).toHaveValue("  name: api");
  await page.keyboard.press("Shift+Tab");
  await expect(editor(page)).toBeFocused();

  // Clicking the label focuses the editor too.
  await page.locator("textarea[name=description]").focus();
  await page.locator("label#content-label").click();
  await expect(editor(page)).toBeFocused();
});

test("filling content the old ways still works: the submitted textarea, and the Content label", async ({ page }) => {
  await newTemplateStep(page);
  await page.locator("input[name=name]").fill("Through the textarea");
  await page.locator("select[name=type]").selectOption("bash");
  await submitted(page).fill("kubectl -n $NAMESPACE rollout status deploy/api");
  await expect(editor(page)).toHaveText("kubectl -n $NAMESPACE rollout status deploy/api");
  await page.getByLabel("Content").fill("echo one\necho two");
  await expect(submitted(page)).toHaveValue("echo one\necho two");
  await page.getByRole("button", { name: "Add step" }).click();
  const step = page.getByTestId("template-step").filter({ hasText: "Through the textarea" });
  await expect(step).toBeVisible();
  await expect(step).toContainText("echo two");
});

test.describe("in a dialog", () => {
  let rollout: Rollout;
  test.beforeAll(async ({ browser }) => {
    const admin = await browser.newPage({ storageState: storageState("admin") });
    rollout = await createRollout(admin, {
      label: "editor",
      customers: 1,
      steps: [{ name: "Update ConfigMap", type: "yaml", content: "apiVersion: v1\nkind: ConfigMap" }],
    });
    await admin.close();
  });

  test("override of a YAML step: focus starts in the editor, Esc keeps the dialog open, a YAML error is refused", async ({ page }) => {
    await page.goto(rollout.checklist(0));
    const step = page.locator('li[data-testid="step"][data-step-name="Update ConfigMap"]');
    await step.getByRole("button", { name: "Override content" }).click();
    const dialog = page.getByRole("dialog");
    await expect(editor(dialog)).toBeFocused();
    await expect(editor(dialog)).toHaveText(/kind: ConfigMap/);

    // The first Escape belongs to the editor (then Tab moves on); it does not close the dialog.
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();

    await dialog.getByLabel("Content").fill('apiVersion: v1\ndata:\n  LOG_LEVEL: "info');
    await dialog.getByRole("button", { name: "Save override" }).click();
    await expect(dialog.getByText('Line 3, column 19: Missing closing "quote')).toBeVisible();
    await expect(dialog).toBeVisible();

    await dialog.getByLabel("Content").fill('apiVersion: v1\ndata:\n  LOG_LEVEL: "info"');
    await dialog.getByRole("button", { name: "Save override" }).click();
    await expect(dialog).toBeHidden();
    await expect(step.getByText("Overridden", { exact: false }).first()).toBeVisible();
  });
});
