import { expect, test, type Browser, type Page } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { createClusterWithCustomers, createReleaseWithSteps, demoRelease, unique } from "./support/fixtures";
import { storageState, type DemoUser } from "./support/users";

/*
 * Release tracks end to end, on a track and clusters of this spec's own: an admin defines the
 * track; a release manager activates a release on it; production waits (its checklist says why,
 * with no button to press); QA, Product and Security sign off in turn, each as themselves; the
 * release manager promotes and marks a production step done. axe on every new view, both schemes.
 */
test.use({ storageState: storageState("rm") });

const as = async (browser: Browser, who: DemoUser) => (await browser.newContext({ storageState: storageState(who) })).newPage();

async function signOff(page: Page, releaseUrl: string, group: string) {
  await page.goto(releaseUrl);
  const production = page.locator('[data-testid="stage"][data-stage="prod"]');
  await production.getByRole("button", { name: `Sign off as ${group}` }).click();
  const dialog = page.getByRole("dialog", { name: `Sign off prod for ${group}` });
  await dialog.getByLabel("Comment (optional)").fill(`${group} checked`);
  await dialog.getByRole("button", { name: "Sign off" }).click();
  await expect(dialog).toBeHidden();
  await expect(production.getByRole("list", { name: "Sign-offs for prod" })).toContainText(`${group} checked`);
}

test("a staged rollout: production waits, three sign-offs, promotion, then production's steps", async ({ page, browser }) => {
  test.setTimeout(180_000); // two clusters, a track, a release and four people: ~90 s here
  const admin = await as(browser, "admin");
  const stg = await createClusterWithCustomers(admin, { label: "stg", customers: 1 });
  const prod = await createClusterWithCustomers(admin, { label: "prd", customers: 1 });

  // The admin defines the track: stg (its cluster) → prod (everyone else; QA, Product, Security sign).
  const trackName = unique("Track");
  await admin.goto("/tracks/new");
  await admin.getByRole("textbox", { name: "Name", exact: true }).fill(trackName);
  const stages = admin.getByTestId("stage-editor");
  await stages.nth(0).getByRole("textbox", { name: "Stage 1 name" }).fill("stg");
  await stages.nth(0).getByRole("checkbox", { name: stg.cluster.name }).check();
  await stages.nth(1).getByRole("textbox", { name: "Stage 2 name" }).fill("prod");
  for (const group of ["QA", "Product", "Security"]) await stages.nth(1).getByRole("checkbox", { name: group, exact: true }).check();
  // A bad field is refused beside it, and nothing is saved.
  await stages.nth(1).getByRole("textbox", { name: "Soak after it (h)" }).fill("-3");
  await admin.getByRole("button", { name: "Create track" }).click();
  await expect(stages.nth(1).getByText("Soak time cannot be negative.")).toBeVisible();
  await stages.nth(1).getByRole("textbox", { name: "Soak after it (h)" }).fill("0");
  await admin.getByRole("button", { name: "Create track" }).click();
  await expect(admin).toHaveURL(/\/tracks$/);
  await expect(admin.getByRole("heading", { name: trackName })).toBeVisible();
  await admin.close();

  // The release manager: a release on that track, activated for both clusters.
  const release = await createReleaseWithSteps(page, { label: "staged", track: trackName, steps: [{ name: "Roll out", content: "helm upgrade api ./chart -n {{ namespace }}" }] });
  const releaseUrl = `/releases/${release.id}`;
  await page.goto(releaseUrl);
  await page.getByRole("button", { name: "Activate…" }).click();
  const activate = page.getByRole("dialog");
  await expect(activate.getByTestId("activation-stages")).toContainText(`Track ${trackName}: stg`);
  await activate.getByLabel(/Customers in chosen clusters/).check();
  for (const c of [stg.cluster.name, prod.cluster.name]) await activate.getByRole("checkbox", { name: new RegExp(`^${c}\\b`) }).check();
  await activate.getByRole("button", { name: /^Activate for 2 customers$/ }).click();
  await expect(page.getByTestId("steps-created")).toBeVisible();
  await expect(page.locator('[data-testid="stage"][data-stage="stg"]')).toHaveAttribute("data-state", "open");
  await expect(page.locator('[data-testid="stage"][data-stage="prod"]')).toHaveAttribute("data-state", "waiting");
  // What holds prod back, with numbers; no Promote that would be refused; who can break glass.
  const waitingProd = page.locator('[data-testid="stage"][data-stage="prod"]');
  await expect(waitingProd.getByTestId("stage-reason")).toContainText("prod is held back by:");
  await expect(waitingProd.getByTestId("stage-reason").getByRole("listitem")).toHaveText(["stg: 0 of 1 customer complete", "Product has not signed off", "QA has not signed off", "Security has not signed off"]);
  await expect(waitingProd.getByRole("button", { name: /Promote/ })).toHaveCount(0);
  await expect(waitingProd).toContainText(/Only an admin can open it before then, with a reason \(break glass\): ask .*Alex Admin/);

  // Production before promotion: the checklist says why, and offers no button that would be refused.
  const prodChecklist = `/releases/${release.id}/customers/${prod.customers[0].id}`;
  await page.goto(prodChecklist);
  await expect(page.getByTestId("stage-lock-alert")).toContainText(`${prod.customers[0].name} is in prod, which is not open yet: prod opens after stg is complete and Product, QA and Security have signed off`);
  await expect(page.getByRole("button", { name: "Mark done" })).toHaveCount(0);
  // The matrix groups by stage and shows production's cells locked, with the reason.
  await page.goto(`${releaseUrl}/matrix`);
  await expect(page.getByTestId("matrix-stage")).toHaveText([/Stage 1\s*stg/, /Stage 2\s*prod/]);
  const locked = page.getByRole("button", { name: `Roll out — ${prod.customers[0].name}: Pending, locked` });
  await expect(locked).toHaveAttribute("title", /^Locked: .*prod opens after stg is complete/);
  await expect(locked).toHaveAccessibleDescription(/prod opens after stg is complete/);

  // Staging done; then each approver signs off as themselves.
  await page.goto(`/releases/${release.id}/customers/${stg.customers[0].id}`);
  await page.getByRole("button", { name: "Mark done" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(page.locator('li[data-testid="step"]').first()).toHaveAttribute("data-status", "done");
  for (const [who, group] of [["qa", "QA"], ["product", "Product"], ["security", "Security"]] as const) {
    const approver = await as(browser, who);
    await signOff(approver, releaseUrl, group);
    await approver.close();
  }

  // Promote: the stage opens, and its step can be done.
  await page.goto(releaseUrl);
  const production = page.locator('[data-testid="stage"][data-stage="prod"]');
  await expect(production).toContainText("Sign-offs 3 of 3");
  await production.getByRole("button", { name: "Promote to prod" }).click();
  await page.getByRole("dialog", { name: "Promote to prod?" }).getByRole("button", { name: "Promote to prod" }).click();
  await expect(production).toHaveAttribute("data-state", "open");
  await page.goto(prodChecklist);
  await expect(page.getByTestId("stage-lock-alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Mark done" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
  await expect(page.locator('li[data-testid="step"]').first()).toHaveAttribute("data-status", "done");

  // Every decision is in the release's audit trail.
  const audit = await as(browser, "admin");
  await audit.goto("/audit?entity=release");
  await expect(audit.getByText(`Promoted "${release.name}" to prod`)).toBeVisible();
  for (const group of ["QA", "Product", "Security"]) await expect(audit.getByText(`Signed off prod of "${release.name}" for ${group}: ${group} checked`)).toBeVisible();
  await audit.close();
});

for (const scheme of ["light", "dark"] as const) {
  test(`the stage views have no serious axe violations (${scheme})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const security = await (await browser.newContext({ storageState: storageState("security"), colorScheme: scheme })).newPage();
    const demo = await demoRelease(security);
    // The Security approver sees what waits for them, and the pipeline says who is still missing.
    await security.goto("/");
    await expect(security.getByTestId("awaiting-sign-off")).toContainText("v2.5.0");
    expect(await seriousViolations(security)).toEqual([]);
    await security.goto(demo.url);
    const production = security.locator('[data-testid="stage"][data-stage="production"]');
    await expect(production).toContainText("Sign-offs 2 of 3 · missing Security");
    await expect(security.locator('[data-testid="stage"][data-stage="canary"]')).toContainText("Break glass");
    expect(await seriousViolations(security)).toEqual([]);
    await security.goto(demo.matrix);
    await expect(security.getByTestId("matrix-stage")).toHaveCount(3);
    expect(await seriousViolations(security)).toEqual([]);
    await security.close();

    const admin = await (await browser.newContext({ storageState: storageState("admin"), colorScheme: scheme })).newPage();
    for (const path of ["/tracks", "/tracks/new", "/users"]) {
      await admin.goto(path);
      await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(admin), path).toEqual([]);
    }
    await admin.close();
  });
}
