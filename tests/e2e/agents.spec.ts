import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * Agents for real: an admin creates the cluster's agent token (shown once), a real agent process
 * (`npm run agent`'s code, started here as a child process) takes the cluster's work over HTTP,
 * and a release manager runs steps from the browser — output arrives live in the panel, a failing
 * step shows failed with its output, a run across customers with a failure budget of 1 pauses
 * after the first failure, and revoking the token stops the agent.
 */
test.use({ storageState: storageState("admin") });

function startAgent(token: string, name: string): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "lib/agent/cli.ts", "--server", baseURL, "--name", name, "--concurrency", "2", "--grace", "2"], {
    env: { ...process.env, RUNSHEET_AGENT_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log += String(d)));
  child.stderr!.on("data", (d) => (log += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, log: () => log, exited };
}

const asRm = async (browser: Browser) => (await browser.newContext({ storageState: storageState("rm") })).newPage();

/** A template step's "across customers" page, found through its edit link on the release page. */
async function acrossPage(page: Page, releaseId: number, stepName: string) {
  await page.goto(`/releases/${releaseId}`);
  const href = await page.getByTestId("template-step").filter({ hasText: stepName }).locator("a[href*='/templates/']").first().getAttribute("href");
  const templateId = /\/templates\/(\d+)\//.exec(href ?? "")?.[1];
  expect(templateId, `${stepName}'s template id`).toBeTruthy();
  await page.goto(`/releases/${releaseId}/steps/${templateId}`);
}

test("an agent runs steps: live output in the panel, a failure with its output, a budget that pauses a run, a revoked token stops it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const rollout = await createRollout(page, {
    label: "agent",
    customers: 3,
    steps: [
      { name: "Say hello", content: 'echo "hello from $NAMESPACE"\nprintf "\\033[31mred text\\033[0m\\n"\nsleep 1\necho "bye from {{ customer.name }}"', execution: "agent" },
      { name: "Migrate", content: 'echo "migrating $NAMESPACE"\ncase "$NAMESPACE" in\n  *ns1) echo done ;;\n  *) echo "boom on $NAMESPACE" >&2; exit 3 ;;\nesac', execution: "agent" },
    ],
  });
  const [c1, c2] = rollout.customers;

  // The cluster page: an agent token, shown once.
  await page.goto(`/clusters/${rollout.cluster.id}`);
  await page.getByRole("button", { name: "Create agent token" }).click();
  const create = page.getByRole("dialog", { name: `Agent token for ${rollout.cluster.name}` });
  await create.getByLabel("Name").fill("e2e agents");
  await create.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: 'Agent token "e2e agents" created' });
  const token = (await shown.getByTestId("new-agent-token").textContent())!.trim();
  expect(token).toMatch(/^rsa_/);
  await shown.getByRole("button", { name: "Done" }).click();

  const agent = startAgent(token, "e2e-agent-1");
  const rm = await asRm(browser);
  try {
    // Four eyes: the admin wrote the steps; Riley reviews them for every customer at once.
    for (const name of ["Say hello", "Migrate"]) {
      await acrossPage(rm, rollout.release.id, name);
      await rm.getByRole("button", { name: /^Review for 3 customers/ }).click();
      await rm.getByRole("dialog").getByRole("button", { name: "Record my review" }).click();
      await expect(rm.getByText(/Reviewed for 3 customers/)).toBeVisible();
    }

    // The agent shows as connected on the cluster page.
    await page.reload();
    await expect(page.getByTestId("agent").filter({ hasText: "e2e-agent-1" })).toHaveAttribute("data-connected", "true");

    // Run one step from the checklist; its output arrives live, in order, coloured, and it is done.
    await rm.goto(rollout.checklist(0));
    const hello = rm.locator('li[data-testid="step"][data-step-name="Say hello"]');
    await hello.getByRole("button", { name: "Run on agent" }).click();
    const dialog = rm.getByRole("dialog", { name: `Run "Say hello" for ${c1.name} on an agent?` });
    await expect(dialog.getByLabel("What runs")).toContainText(`bye from ${c1.name}`); // rendered for this customer
    await dialog.getByRole("button", { name: "Run on agent" }).click();
    const output = hello.getByTestId("run-output");
    await expect(output).toContainText(`hello from ${c1.namespace}`, { timeout: 15_000 });
    await expect(output.locator("span", { hasText: "red text" })).toHaveCSS("color", /rgb\(/);
    await expect(hello).toHaveAttribute("data-status", "done", { timeout: 15_000 });
    await expect(output).toContainText(`bye from ${c1.name}`);
    await expect(hello.getByTestId("step-run")).toContainText("on agent e2e-agent-1 · exit 0");
    await expect(hello).toContainText("by Riley Release via agent e2e-agent-1");

    // Across the cluster, two at a time, pause after the first failure.
    await acrossPage(rm, rollout.release.id, "Migrate");
    await rm.getByRole("button", { name: "Run on agents…" }).click();
    const across = rm.getByRole("dialog", { name: 'Run "Migrate" across customers on agents' });
    await across.getByLabel("At a time").fill("1");
    await across.getByLabel("Per cluster").fill("1");
    await across.getByLabel("Failures").fill("1");
    await across.getByRole("button", { name: "Start the run" }).click();
    await expect(rm).toHaveURL(/\/runs\/\d+$/);
    await expect(rm.getByText("Paused by its failure budget: 1 of 3 steps failed or ended unknown (budget: 1).")).toBeVisible({ timeout: 30_000 });
    const failed = rm.locator('[data-testid="run-item"][data-state="failed"]');
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText("Exit code 3.");
    await expect(failed.getByTestId("run-output")).toContainText(/boom on /);
    await expect(rm.getByTestId("run-count-queued")).toContainText("1");

    // The failed step in its checklist: failed, with its output, and a Retry.
    const failedCustomer = (await failed.getAttribute("data-customer"))!;
    const failedIndex = rollout.customers.findIndex((c) => c.name === failedCustomer);
    await rm.goto(rollout.checklist(failedIndex));
    const migrate = rm.locator('li[data-testid="step"][data-step-name="Migrate"]');
    await expect(migrate).toHaveAttribute("data-shown-status", "failed");
    await expect(migrate.getByTestId("run-output")).toContainText(/boom on /);
    await expect(migrate.getByRole("button", { name: "Retry on agent" })).toBeVisible();
    await expect(migrate.getByRole("button", { name: "Mark done by hand" })).toBeVisible();

    // Revoke the token: the agent is refused on its next call and stops.
    await page.goto(`/clusters/${rollout.cluster.id}`);
    await page.getByRole("button", { name: "Revoke agent token e2e agents" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    const code = await Promise.race([agent.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 40_000))]);
    expect(code, agent.log()).toBe(2);
    expect(agent.log()).toContain("That agent token was revoked");
    void c2;
  } finally {
    await test.info().attach("agent log", { body: agent.log(), contentType: "text/plain" });
    writeFileSync("reports/agents-e2e-agent.log", agent.log());
    agent.child.kill("SIGKILL");
    await rm.context().close();
  }
});
