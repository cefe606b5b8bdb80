import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { seriousViolations } from "./support/axe";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * A CI job's view: an admin creates a token for a service account (shown once), a job finds a
 * customer's step by cluster, namespace and step name and marks it done with one request, the
 * matrix shows it done by the service account, and a revoked token is refused.
 */
test.use({ storageState: storageState("admin") });

test("a token made on the API tokens page marks a customer's step done; revoked, it is refused", async ({ page, playwright }) => {
  test.setTimeout(120_000);
  const rollout = await createRollout(page, { label: "api", customers: 1, steps: [{ name: "Deploy via CI", content: "helm upgrade app ./chart -n {{ namespace }}" }] });
  const [customer] = rollout.customers;

  await page.goto("/api-tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Token name is required.")).toBeVisible();
  await form.getByLabel("Token name").fill("Jenkins deploy job");
  await form.getByRole("textbox", { name: "Service account name" }).fill("Jenkins e2e");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: 'Token "Jenkins deploy job" created' });
  await expect(shown).toBeVisible();
  const token = (await shown.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^rs_/);
  expect(await seriousViolations(page)).toEqual([]);
  await shown.getByRole("button", { name: "Done" }).click();
  const row = page.getByTestId("token-row").filter({ hasText: "Jenkins deploy job" });
  await expect(row).toContainText("Service account");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never"); // not used yet
  expect(await seriousViolations(page)).toEqual([]);

  // The job: no cookies, only the token.
  const ci = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const query = new URLSearchParams({ release: rollout.release.name, cluster: rollout.cluster.name, namespace: customer.namespace, step: "Deploy via CI" });
  const found = await ci.get(`/api/v1/steps?${query}`);
  expect(found.status()).toBe(200);
  const { step } = (await found.json()) as { step: { id: number; status: string; version: number } };
  expect(step.status).toBe("pending");
  // The README's one-line Jenkins call: find and mark done in one request.
  const done = await ci.post(`/api/v1/steps/done?${query}`, { data: { notes: "Jenkins build #42" } });
  expect(done.status(), await done.text()).toBe(200);
  expect(await done.json()).toMatchObject({ step: { status: "done", executedBy: "Jenkins e2e", notes: "Jenkins build #42" } });
  // The same request again: the state says no, with the reason, as JSON.
  const again = await ci.post(`/api/v1/steps/${step.id}/done`, { data: {} });
  expect(again.status()).toBe(409);
  expect(await again.json()).toMatchObject({ error: { code: "invalid_state", message: "This step is already done." } });

  await page.goto(rollout.matrix);
  await expect(page.getByRole("button", { name: `Deploy via CI — ${customer.name}: Done` })).toBeVisible();
  await page.goto(rollout.checklist(0));
  await expect(page.getByText("Jenkins build #42").first()).toBeVisible();

  await page.goto("/api-tokens");
  await expect(row).not.toContainText("Never"); // last used: just now
  await row.getByRole("button", { name: "Revoke Jenkins deploy job" }).click();
  await page.getByRole("dialog", { name: 'Revoke "Jenkins deploy job"?' }).getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await ci.get("/api/v1/releases");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: { code: "unauthenticated", message: "That API token was revoked." } });
  await ci.dispose();
});

test("the OpenAPI document describes the API without a token", async ({ playwright }) => {
  const anyone = await playwright.request.newContext({ baseURL });
  const doc = await anyone.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const json = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(json.openapi).toBe("3.1.0");
  expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(["/releases", "/releases/{release}/status", "/steps", "/steps/{stepId}/done"]));
  await anyone.dispose();
});
