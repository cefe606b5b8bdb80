import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Live updates between two people and a CI job: a change made in one browser appears in the
 * other's open matrix within 2 s — its side panel still open, the half-typed note still there and
 * focused — marked "updated by" who made it; a step marked done through the API appears too; and
 * the other person's open checklist follows.
 */
const live = (page: Page) => expect(page.locator("html")).toHaveAttribute("data-live", "on", { timeout: 15_000 });
const step = (page: Page, name: string) => page.locator(`li[data-testid="step"][data-step-name="${name}"]`);

test("a colleague's change and a CI job's appear in an open matrix within 2 s, without losing the open panel or what is typed", async ({ browser, playwright }) => {
  test.setTimeout(150_000);
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, {
    label: "live",
    customers: 2,
    steps: [
      { name: "Deploy", content: "helm upgrade api ./chart" },
      { name: "Migrate", type: "sql", content: "SELECT 1;" },
    ],
  });
  const [c1, c2] = rollout.customers;

  // Riley has the matrix open, the panel on c1's Migrate, and is typing a note into Mark done.
  const riley = await browser.newPage({ storageState: storageState("rm") });
  await riley.goto(rollout.matrix);
  await live(riley);
  await riley.getByRole("button", { name: `Migrate — ${c1.name}: Pending` }).click();
  const panel = riley.getByRole("dialog", { name: "Step: Migrate" });
  await expect(panel).toBeVisible();
  await panel.getByRole("button", { name: "Mark done" }).click();
  const note = riley.getByRole("dialog", { name: 'Mark "Migrate" done' }).getByLabel("Notes");
  await note.fill("half-typed: ran on repl");
  await expect(note).toBeFocused();

  // Sam, elsewhere, marks c2's Deploy done on its checklist.
  const sam = await browser.newPage({ storageState: storageState("sam") });
  await sam.goto(rollout.checklist(1));
  await step(sam, "Deploy").getByRole("button", { name: "Mark done" }).click();
  await sam.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(step(sam, "Deploy")).toContainText("Done");

  // (includeHidden: the open dialog hides the page behind it from the accessibility tree.)
  const c2Deploy = riley.getByRole("button", { name: `Deploy — ${c2.name}: Done`, includeHidden: true });
  await expect(c2Deploy).toBeVisible({ timeout: 2_000 });
  await expect(c2Deploy).toHaveAttribute("data-live-by", "Sam Shipper");
  await expect(c2Deploy).toHaveAttribute("title", "Updated by Sam Shipper just now");
  await expect(riley.getByTestId("live-announcement")).toHaveText("Sam Shipper changed 1 step.");
  // Nothing of Riley's was disturbed: the dialog, the text and the focus are where they were.
  await expect(note).toHaveValue("half-typed: ran on repl");
  await expect(note).toBeFocused();
  await riley.keyboard.press("Escape");
  await expect(panel).toBeVisible();

  // Sam keeps c1's checklist open; a CI job marks c1's Deploy done through the API.
  await sam.goto(rollout.checklist(0));
  await live(sam);
  await admin.goto("/api-tokens");
  await admin.getByRole("button", { name: "Create token" }).click();
  const form = admin.getByRole("dialog", { name: "Create API token" });
  await form.getByLabel("Token name").fill("live spec");
  await form.getByRole("textbox", { name: "Service account name" }).fill("GitLab live");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await admin.getByTestId("new-token").textContent())!.trim();
  const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const found = await ci.get(`/api/v1/steps?${new URLSearchParams({ release: String(rollout.release.id), customer: String(c1.id), step: "Deploy" })}`);
  const { step: target } = (await found.json()) as { step: { id: number } };
  expect((await ci.post(`/api/v1/steps/${target.id}/done`, { data: { notes: "pipeline 77" } })).status()).toBe(200);

  const c1Deploy = riley.getByRole("button", { name: `Deploy — ${c1.name}: Done`, includeHidden: true });
  await expect(c1Deploy).toBeVisible({ timeout: 2_000 });
  await expect(c1Deploy).toHaveAttribute("data-live-by", "GitLab live");
  await expect(step(sam, "Deploy")).toContainText("Done", { timeout: 2_000 });
  await expect(step(sam, "Deploy")).toContainText("GitLab live");

  // The open panel follows its own step: c1's Migrate marked done through the API shows as done.
  const migrate = await ci.get(`/api/v1/steps?${new URLSearchParams({ release: String(rollout.release.id), customer: String(c1.id), step: "Migrate" })}`);
  const { step: m } = (await migrate.json()) as { step: { id: number } };
  expect((await ci.post(`/api/v1/steps/${m.id}/done`, { data: {} })).status()).toBe(200);
  await expect(panel.getByRole("button", { name: "Revert" })).toBeVisible({ timeout: 2_000 });
  await ci.dispose();
});
