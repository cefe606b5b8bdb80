import { expect, type Page } from "@playwright/test";

/**
 * What a spec needs, created through the product's own screens, with names no other spec uses —
 * so specs neither depend on the demo seed's ids nor on running in a given order. (The e2e
 * server's embedded database belongs to that server process alone; the UI is the way in.)
 */
export const unique = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

export type TemplateStepSpec = { name: string; category?: "deploy" | "verify"; type?: "bash" | "sql" | "yaml" | "text"; content: string; execution?: "manual" | "agent" | "manifest" };
export type Rollout = {
  cluster: { id: number; name: string };
  customers: Array<{ id: number; name: string; namespace: string }>;
  release: { id: number; name: string; version: string };
  /** `/releases/<id>/customers/<id>` of each customer, in order. */
  checklist: (customerIndex: number) => string;
  matrix: string;
};

/** A cluster with customers, as an admin would create them (dialogs on the clusters pages). */
export async function createClusterWithCustomers(page: Page, options: { label?: string; customers: number }) {
  const name = unique(options.label ?? "e2e");
  await page.goto("/clusters");
  await page.getByRole("button", { name: "+ Cluster" }).click();
  const clusterDialog = page.getByRole("dialog", { name: "New cluster" });
  await clusterDialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await clusterDialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(clusterDialog).toBeHidden();
  await page.getByRole("region", { name }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const clusterId = Number(/\/clusters\/(\d+)/.exec(page.url())?.[1]);

  const customers: Rollout["customers"] = [];
  for (let i = 0; i < options.customers; i++) {
    const customer = { name: `${name}-c${i + 1}`, namespace: `${name}-ns${i + 1}`.toLowerCase().slice(-63) };
    await page.getByRole("button", { name: "+ Customer" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New customer" });
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(customer.name);
    await dialog.getByLabel("Namespace").fill(customer.namespace);
    await dialog.getByRole("button", { name: "Add customer" }).click();
    await expect(dialog).toBeHidden();
    const link = page.getByRole("link", { name: customer.name, exact: true });
    await expect(link).toBeVisible();
    customers.push({ ...customer, id: Number(/\/customers\/(\d+)/.exec((await link.getAttribute("href")) ?? "")?.[1]) });
  }
  return { cluster: { id: clusterId, name }, customers };
}

/**
 * A draft release with template steps, as a release manager would build it. On no track unless
 * one is named (the demo's standard track would hold a new cluster's customers in production).
 */
export async function createReleaseWithSteps(page: Page, options: { label?: string; steps: TemplateStepSpec[]; track?: string }) {
  const name = unique(options.label ?? "E2E release");
  await page.goto("/releases/new");
  await page.locator("input[name=name]").fill(name);
  const track = page.getByLabel("Track");
  const trackValue = options.track ? await track.locator("option", { hasText: `${options.track} (` }).getAttribute("value") : "none";
  await track.selectOption(trackValue ?? "none");
  const version = `v${Math.floor(Math.random() * 900) + 100}.0.0`;
  await page.locator("input[name=versionNumber]").fill(version);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(/\/releases\/\d+$/);
  const id = Number(/\/releases\/(\d+)$/.exec(page.url())?.[1]);
  for (const step of options.steps) {
    const category = step.category ?? "deploy";
    await page.getByRole("link", { name: `Add ${category} step` }).click();
    await expect(page.getByRole("heading", { name: "Add template step" })).toBeVisible();
    await page.locator("input[name=name]").fill(step.name);
    await page.locator("select[name=type]").selectOption(step.type ?? "bash");
    await page.locator("textarea[name=content]").fill(step.content);
    if (step.execution && step.execution !== "manual") await page.getByLabel("How it runs").selectOption(step.execution);
    await page.getByRole("button", { name: "Add step" }).click();
    await expect(page.getByTestId("template-step").filter({ hasText: step.name })).toBeVisible();
  }
  return { id, name, version };
}

/** Activates a release for the customers of one cluster only (other specs' customers are left out). */
export async function activateForCluster(page: Page, releaseId: number, clusterName: string) {
  await page.goto(`/releases/${releaseId}`);
  await page.getByRole("button", { name: "Activate…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Customers in chosen clusters/).check();
  await dialog.getByRole("checkbox", { name: new RegExp(`^${clusterName}\\b`) }).check();
  await dialog.getByRole("button", { name: /^Activate for \d+ customers?$/ }).click();
  await expect(page.getByTestId("steps-created")).toBeVisible();
}

/**
 * A whole rollout for one spec: a new cluster with customers, a release with the given steps,
 * activated for that cluster only. Needs an admin page (clusters) and a release manager's or
 * admin's for the rest; the admin can do both.
 */
export async function createRollout(page: Page, options: { label?: string; customers?: number; steps: TemplateStepSpec[] }): Promise<Rollout> {
  const { cluster, customers } = await createClusterWithCustomers(page, { label: options.label, customers: options.customers ?? 2 });
  const release = await createReleaseWithSteps(page, { label: options.label, steps: options.steps });
  await activateForCluster(page, release.id, cluster.name);
  return {
    cluster,
    customers,
    release,
    checklist: (i) => `/releases/${release.id}/customers/${customers[i].id}`,
    matrix: `/releases/${release.id}/matrix`,
  };
}

/**
 * The demo seed's active release (v2.5.0), found by its name rather than an id: for specs that
 * only read the seed (specs that change data create their own rollout).
 */
export async function demoRelease(page: Page): Promise<{ id: number; url: string; matrix: string }> {
  await page.goto("/releases");
  const href = await page.getByRole("link", { name: "v2.5.0", exact: true }).first().getAttribute("href");
  const id = Number(/\/releases\/(\d+)/.exec(href ?? "")?.[1]);
  expect(id, "the demo release v2.5.0 is listed").toBeGreaterThan(0);
  return { id, url: `/releases/${id}`, matrix: `/releases/${id}/matrix` };
}
