import { expect, test, type Page } from "@playwright/test";
import { createClusterWithCustomers, createRollout, unique } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Issue 14, a release manager's first hour: numbers that agree across screens, archived
 * customers leaving releases under way, one step numbering, one way to show a time, the hotfix
 * path of spec 7.3, the checklist's download, the app frame for unknown URLs, the theme switch.
 */
test.use({ storageState: storageState("rm") });

const step = (page: Page, name: string) => page.locator(`li[data-testid="step"][data-step-name="${name}"]`);

/** Marks a step done from the checklist, typing the note straight after the dialog opens. */
async function markDone(page: Page, name: string, note: string) {
  await step(page, name).getByRole("button", { name: "Mark done" }).click();
  const dialog = page.getByRole("dialog", { name: `Mark "${name}" done` });
  await expect(dialog).toBeVisible();
  // No click into the field: focus is already there, so the note is not lost (nor the dialog closed).
  await page.keyboard.type(note);
  await expect(dialog.locator("textarea[name=notes]")).toHaveValue(note);
  await dialog.getByRole("button", { name: "Mark done" }).click();
  await expect(dialog).toBeHidden();
  await expect(step(page, name)).toHaveAttribute("data-status", "done");
}

/** The overall percentage each screen shows for one release (aria-valuenow of its bar). */
async function progressEverywhere(page: Page, release: { id: number; name: string; title: string }) {
  const valueOf = (bar: ReturnType<Page["getByRole"]>) => bar.getAttribute("aria-valuenow").then(Number);
  await page.goto("/");
  const dashboard = await valueOf(page.getByRole("progressbar", { name: `${release.title}: overall progress` }));
  await page.goto(`/releases?q=${encodeURIComponent(release.name)}`);
  const list = await valueOf(page.getByRole("progressbar", { name: `${release.name}: overall progress` }));
  await page.goto(`/releases/${release.id}`);
  const detail = await valueOf(page.getByRole("progressbar", { name: "Overall progress", exact: true }));
  await page.goto(`/releases/${release.id}/matrix`);
  const matrix = await valueOf(page.getByRole("progressbar", { name: "Overall progress, deploy and verify" }));
  return { dashboard, list, detail, matrix };
}

test("archiving a customer mid-release takes its open steps out of every count; the release can complete; restoring brings them back", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000); // a rollout of its own, then every screen three times
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, { label: "archive", customers: 3, steps: [{ name: "Roll out", content: "helm upgrade api" }] });
  await admin.close();
  const release = { ...rollout.release, title: `${rollout.release.name} (${rollout.release.version})` };

  for (const i of [0, 1]) {
    await page.goto(rollout.checklist(i));
    await markDone(page, "Roll out", `Build ${i + 1} rolled out`);
  }
  // Two of three customers done: 67 % on every screen.
  expect(await progressEverywhere(page, release)).toEqual({ dashboard: 67, list: 67, detail: 67, matrix: 67 });
  await expect(page.getByText("2 of 3 customers complete · average per customer")).toBeVisible();

  // Archive the third: it leaves the release under way.
  const archived = rollout.customers[2];
  await page.goto(`/customers/${archived.id}`);
  await page.getByRole("button", { name: `Archive ${archived.name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Archive ${archived.name}?` });
  await expect(confirm).toContainText("releases under way");
  await confirm.getByRole("button", { name: "Archive customer" }).click();
  await expect(confirm).toBeHidden();

  expect(await progressEverywhere(page, release)).toEqual({ dashboard: 100, list: 100, detail: 100, matrix: 100 });
  await expect(page.getByText("2 of 2 customers complete · average per customer")).toBeVisible();
  // Hidden from the matrix unless asked for; its panel says why nothing can be done.
  await expect(page.getByRole("columnheader", { name: new RegExp(archived.name) })).toHaveCount(0);
  await page.getByLabel(/Show archived customers \(1\)/).click();
  await expect(page).toHaveURL(/archived=1/);
  const cell = page.getByRole("button", { name: new RegExp(`^Roll out — ${archived.name}: Pending`) });
  await cell.click();
  const panel = page.getByRole("dialog", { name: "Step: Roll out" });
  await expect(panel).toContainText("archived");
  await expect(panel.getByRole("button", { name: "Mark done" })).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Restoring brings its open step back into the counts.
  await page.goto(`/customers/${archived.id}`);
  await page.getByRole("button", { name: `Restore ${archived.name}` }).click();
  await page
    .getByRole("dialog", { name: `Restore ${archived.name}?` })
    .getByRole("button", { name: "Restore customer" })
    .click();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await progressEverywhere(page, release)).toEqual({ dashboard: 67, list: 67, detail: 67, matrix: 67 });
});

test("step numbers agree between the checklist and the matrix once a custom step exists", async ({ page, browser }) => {
  test.setTimeout(60_000); // a rollout of its own, then two pages
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, {
    label: "numbers",
    customers: 1,
    steps: [
      { name: "Deploy", content: "helm upgrade api" },
      { name: "Migrate", type: "sql", content: "select 1;" },
      { name: "Configure", content: "kubectl apply -f cm.yaml" },
    ],
  });
  await admin.close();
  await page.goto(rollout.checklist(0));
  await page.getByRole("button", { name: "Add custom step" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Step name").fill("Warm caches");
  await dialog.getByLabel("Content").fill("curl -fsS https://example.com/warmup");
  await dialog.getByLabel("Insert position").selectOption({ label: 'After 1. "Deploy"' });
  await dialog.getByRole("button", { name: "Add step" }).click();
  await expect(dialog).toBeHidden();

  const numbering = (selector: string) =>
    page.locator(selector).evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.stepNumber || "–"} ${(e as HTMLElement).dataset.stepName}`));
  await expect.poll(() => numbering('li[data-testid="step"]')).toEqual(["1 Deploy", "– Warm caches", "2 Migrate", "3 Configure"]);
  await page.goto(rollout.matrix);
  expect(await numbering("th[scope=row][data-step-name]")).toEqual(["1 Deploy", "– Warm caches", "2 Migrate", "3 Configure"]);
});

test.describe("in Los Angeles", () => {
  test.use({ timezoneId: "America/Los_Angeles" });

  test("one event's time is shown identically (relative text and absolute title, viewer's zone) on the dashboard, checklist, panel and audit", async ({
    page,
    browser,
  }) => {
    const admin = await browser.newPage({ storageState: storageState("admin"), timezoneId: "America/Los_Angeles" });
    const rollout = await createRollout(admin, { label: "time", customers: 1, steps: [{ name: "Timed step", content: "echo now" }] });
    await page.goto(rollout.checklist(0));
    await markDone(page, "Timed step", "timed");

    const read = async (time: ReturnType<Page["locator"]>) => {
      // In the viewer's zone from the first paint (the server knows it from the tz cookie).
      await expect(time).toHaveAttribute("title", /P[SD]T/);
      return {
        at: await time.getAttribute("datetime"),
        title: await time.getAttribute("title"),
        text: (await time.locator("span").first().textContent())?.trim(),
      };
    };
    const checklist = await read(step(page, "Timed step").locator("time").first());
    expect(checklist.title).toMatch(/P[SD]T/); // the viewer's zone, named; not the server's UTC
    expect(checklist.text).toBe("just now");

    await page.goto("/");
    const dashboard = await read(
      page.getByRole("listitem").filter({ hasText: rollout.customers[0].name }).filter({ hasText: "Timed step" }).locator("time").first(),
    );

    await page.goto(rollout.matrix);
    await page.getByRole("button", { name: new RegExp(`^Timed step — ${rollout.customers[0].name}: Done`) }).click();
    const panelDialog = page.getByRole("dialog", { name: "Step: Timed step" });
    const panel = await read(panelDialog.getByRole("region", { name: "Execution" }).locator("time").first());

    await admin.goto("/audit");
    await expect(admin.getByText(/America\/Los_Angeles/).first()).toBeVisible();
    const audit = await read(admin.getByRole("row").filter({ hasText: "Timed step" }).filter({ hasText: "done" }).first().locator("time").first());
    await admin.close();

    expect({ dashboard, panel, audit }).toEqual({ dashboard: checklist, panel: checklist, audit: checklist });
  });
});

test("a hotfix with no template steps is activated for two chosen customers, who are then given custom steps (spec 7.3)", async ({ page, browser }) => {
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const { cluster, customers } = await createClusterWithCustomers(admin, { label: "hotfix", customers: 3 });
  await admin.close();

  const name = unique("Hotfix");
  await page.goto("/releases/new");
  await page.locator("input[name=name]").fill(name);
  await page.locator("input[name=type][value=hotfix]").check();
  await page.getByLabel("Track").selectOption("none"); // the demo's hotfix track would hold these customers in production
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(/\/releases\/\d+$/);
  const releaseId = Number(/\/releases\/(\d+)$/.exec(page.url())?.[1]);

  await page.getByRole("button", { name: "Activate…" }).click();
  const dialog = page.getByRole("dialog", { name: `Activate “${name}”` });
  // A hotfix goes to the customers picked, none preselected; everyone is not an option without template steps.
  await expect(dialog.getByLabel(/^Chosen customers/)).toBeChecked();
  await expect(dialog.getByLabel(/^All active customers/)).toBeDisabled();
  const picker = dialog.getByTestId("customer-picker");
  await expect(picker).toContainText("0 of");
  await picker.getByRole("searchbox", { name: "Search customers" }).fill(cluster.name);
  for (const c of customers.slice(0, 2)) await picker.getByRole("checkbox", { name: new RegExp(`^${c.name}\\b`) }).check();
  await expect(dialog.getByTestId("activation-summary")).toContainText("2 customers in 1 cluster will join with no steps yet");
  await dialog.getByRole("button", { name: "Activate for 2 customers" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” is active for 2 customers` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  for (const c of customers.slice(0, 2)) {
    await page.goto(`/releases/${releaseId}/customers/${c.id}`);
    await page.getByRole("button", { name: "Add custom step" }).first().click();
    const add = page.getByRole("dialog");
    await add.getByLabel("Step name").fill(`Patch ${c.name}`);
    await add.getByLabel("Content").fill(`kubectl -n ${c.namespace} rollout restart deploy/api`);
    await add.getByRole("button", { name: "Add step" }).click();
    await expect(add).toBeHidden();
    await expect(step(page, `Patch ${c.name}`)).toHaveAttribute("data-status", "pending");
  }
  // The third was left out: its checklist says so instead of offering steps.
  await page.goto(`/releases/${releaseId}/customers/${customers[2].id}`);
  await expect(page.getByText(/not in this release/i).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Add custom step" })).toHaveCount(0);

  await page.goto(`/releases/${releaseId}/matrix`);
  await expect(page.locator("th[scope=row][data-step-name]")).toHaveCount(2);
  await expect(page.getByText("0 of 2 customers complete · average per customer")).toBeVisible();
});

test("the checklist offers Download like the panel, the file named after the customer's namespace", async ({ page, browser }) => {
  const admin = await browser.newPage({ storageState: storageState("admin") });
  const rollout = await createRollout(admin, {
    label: "download",
    customers: 1,
    steps: [{ name: "Run migration", type: "sql", content: "ALTER TABLE t ADD c int;" }],
  });
  await admin.close();
  await page.goto(rollout.checklist(0));
  const [download] = await Promise.all([page.waitForEvent("download"), step(page, "Run migration").getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe(`${rollout.customers[0].namespace}-run-migration.sql`);
  const body = await download.createReadStream().then(async (s) => {
    let text = "";
    for await (const chunk of s) text += chunk;
    return text;
  });
  expect(body).toBe("ALTER TABLE t ADD c int;");
});

test("an unknown URL shows Page not found inside the app frame, with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page/anywhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
});

test.describe("with the system in dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("the not-found page follows the system theme like every other page", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.locator("body")).toHaveCSS("color-scheme", "dark");
  });
});

test("the theme switch applies at once and is remembered", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  await page.getByRole("radio", { name: "Dark" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("radio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("radio", { name: "Light" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.getByRole("radio", { name: "System" }).click();
  await page.reload();
  await expect(page.getByRole("radio", { name: "System" })).toHaveAttribute("aria-checked", "true");
});
