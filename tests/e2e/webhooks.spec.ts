import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * An admin registers a webhook for "Step done" pointing at a receiver; a step marked done in the
 * browser reaches the receiver once, signed with the secret shown at creation; the delivery log
 * says Delivered, and Redeliver sends it again as a new entry.
 */
test.use({ storageState: storageState("admin") });

test("a webhook receiver gets a signed event once per step done; the log shows it and can redeliver", async ({ page }) => {
  test.setTimeout(120_000);
  const got: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    const rollout = await createRollout(page, { label: "hook", customers: 1, steps: [{ name: "Deploy", content: "helm upgrade app ./chart" }] });

    await page.goto("/webhooks");
    await page.getByRole("button", { name: "Add webhook" }).click();
    const form = page.getByRole("dialog", { name: "Add webhook" });
    await form.getByLabel("Name").fill(`Receiver ${rollout.cluster.name}`);
    await form.getByLabel("URL").fill("ftp://nope");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText(/Enter the receiver's http\(s\) URL/)).toBeVisible();
    // The cloud's metadata address is never a receiver (only 127.0.0.1 is allowed on this server).
    await form.getByLabel("URL").fill("http://169.254.169.254/latest/meta-data/");
    await form.getByRole("button", { name: "Add webhook" }).click();
    await expect(form.getByText("169.254.169.254 is a link-local address: webhooks go to public receivers only", { exact: false })).toHaveCount(1);
    await form.getByLabel("URL").fill(url);
    await form.getByLabel("Step done").check();
    for (const other of ["Customer completed", "Release completed", "Stage promoted"]) await form.getByLabel(other).uncheck();
    await form.getByRole("button", { name: "Add webhook" }).click();
    const shown = page.getByRole("dialog", { name: `Webhook "Receiver ${rollout.cluster.name}" added` });
    const secret = (await shown.getByTestId("new-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    expect(await seriousViolations(page)).toEqual([]);
    await shown.getByRole("button", { name: "Done" }).click();

    await page.goto(rollout.checklist(0));
    const deploy = page.locator('li[data-testid="step"][data-step-name="Deploy"]');
    await deploy.getByRole("button", { name: "Mark done" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Mark done" }).click();
    await expect(deploy).toContainText("Done");

    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(1500); // nothing more arrives
    expect(got).toHaveLength(1);
    const [{ headers, body }] = got;
    expect(headers["x-runsheet-event"]).toBe("step.done");
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers["x-runsheet-signature"]))!;
    expect(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")).toBe(v1);
    expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
    expect(JSON.parse(body)).toMatchObject({ event: "step.done", release: { id: rollout.release.id }, customer: { name: rollout.customers[0].name }, step: { name: "Deploy", status: "done" }, by: "Alex Admin" });

    await page.goto("/webhooks");
    const row = page.getByTestId("webhook-row").filter({ hasText: `Receiver ${rollout.cluster.name}` });
    await expect(row).toContainText("Delivered · 200");
    await row.getByRole("link", { name: `Receiver ${rollout.cluster.name}` }).click();
    await expect(page.getByRole("table", { name: "Deliveries, newest first" })).toBeVisible();
    const delivery = page.getByTestId("delivery-row").first();
    await expect(delivery).toContainText(`"Deploy" done for ${rollout.customers[0].name}`);
    expect(await seriousViolations(page)).toEqual([]);
    await delivery.getByRole("button", { name: /^Redeliver delivery/ }).click();
    await expect.poll(() => got.length, { timeout: 10_000 }).toBe(2);
    await page.reload();
    await expect(page.getByTestId("delivery-row").first()).toContainText("again of #");
    // Off again, so other specs' steps send nothing to a receiver that is gone.
    await page.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
