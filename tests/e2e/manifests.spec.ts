import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/*
 * The manifest repository (issue 28) as a team uses it: an admin points Runsheet at the manifest
 * repository (a real bare Git repository made here; a wrong branch is refused beside its field),
 * a release manager publishes the release's YAML step, looks at the diff, and may not approve it
 * himself; a second person approves the merge; main then holds exactly the reviewed files, and
 * each customer's step is done with the commit as its evidence.
 */
test.use({ storageState: storageState("admin") });

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "Ops", GIT_AUTHOR_EMAIL: "ops@example.com", GIT_COMMITTER_NAME: "Ops", GIT_COMMITTER_EMAIL: "ops@example.com" };
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

function bareRepository() {
  const root = mkdtempSync(path.join(tmpdir(), "runsheet-e2e-manifests-"));
  const bare = path.join(root, "manifests.git");
  const work = path.join(root, "work");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare], { env });
  execFileSync("git", ["init", "--quiet", "--initial-branch=main", work], { env });
  writeFileSync(path.join(work, "README.md"), "# Manifests\n");
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "Start");
  git(work, "push", "--quiet", `file://${bare}`, "main");
  return { bare, url: `file://${bare}` };
}

const asRm = async (browser: Browser) => (await browser.newContext({ storageState: storageState("rm") })).newPage();

const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: {{ namespace }}
data:
  greeting: hello {{ customer.name }}
`;

test("publish a release's manifests, look at the diff, approve as a second person, see the steps done with their commit", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const repo = bareRepository();
  const rollout = await createRollout(page, { label: "gitops", customers: 2, steps: [{ name: "App config", type: "yaml", content: manifest, execution: "manifest" }] });

  // The admin points the cluster at the repository; a branch it does not have is refused in words.
  await page.goto("/manifest-repositories");
  await page.getByRole("button", { name: "Add repository" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add manifest repository" });
  await dialog.getByLabel("Name").fill(`manifests ${rollout.cluster.name}`);
  await dialog.getByLabel("Used for").selectOption(`cluster:${rollout.cluster.id}`);
  await dialog.getByLabel("Git URL").fill(repo.url);
  await dialog.getByLabel("Branch GitOps applies").fill("production");
  await dialog.getByRole("button", { name: "Add repository" }).click();
  await expect(dialog.getByText('The repository has no branch "production"')).toBeVisible();
  await dialog.getByLabel("Branch GitOps applies").fill("main");
  await dialog.getByRole("button", { name: "Add repository" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("table", { name: "Manifest repositories" })).toContainText(`manifests ${rollout.cluster.name}`);

  // The release manager publishes and looks at what would be merged.
  const rm = await asRm(browser);
  await rm.goto(`/releases/${rollout.release.id}`);
  await rm.getByRole("link", { name: "Publish and review" }).click();
  await expect(rm.getByRole("heading", { name: "Manifests" })).toBeVisible();
  await expect(rm.getByTestId("publish-stage")).toContainText("2 steps to publish");
  // Chosen customers: an empty choice is refused beside the list, not taken as "everyone".
  await rm.getByRole("button", { name: "Publish chosen customers…" }).click();
  const choose = rm.getByRole("dialog", { name: "Publish chosen customers" });
  await expect(choose.getByRole("checkbox")).toHaveCount(2);
  await choose.getByRole("button", { name: "Publish" }).click();
  await expect(choose.getByText("Choose at least one customer.")).toBeVisible();
  await rm.keyboard.press("Escape");
  await expect(choose).toBeHidden();
  await rm.getByRole("button", { name: "Publish all customers" }).click();
  await expect(rm).toHaveURL(/\/manifests\/\d+$/);
  const files = rm.getByTestId("publish-file");
  await expect(files).toHaveCount(2);
  const first = files.filter({ hasText: rollout.customers[0]!.name });
  await expect(first).toContainText(`clusters/${rollout.cluster.name}/${rollout.customers[0]!.namespace}/${rollout.release.version}/app-config.yaml`);
  await expect(first.getByRole("list", { name: /Objects in/ })).toContainText("ConfigMap/app-config");
  await expect(first.getByLabel("Differences")).toContainText(`greeting: hello ${rollout.customers[0]!.name}`);
  await expect(rm.getByRole("button", { name: "Approve and merge" })).toBeDisabled();
  await expect(rm.getByText("You published these manifests: someone else approves the merge")).toBeVisible();
  const publishUrl = rm.url();
  expect(git(repo.bare, "ls-tree", "-r", "--name-only", "main")).toBe("README.md");

  // A second person approves; main holds exactly the reviewed files.
  await page.goto(publishUrl);
  await page.getByRole("button", { name: "Approve and merge" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve and merge" }).click();
  const merged = page.getByText(/^Merged into main at [0-9a-f]{12}$/);
  await expect(merged).toBeVisible();
  const sha = git(repo.bare, "rev-parse", "main");
  await expect(merged).toHaveText(`Merged into main at ${sha.slice(0, 12)}`);
  expect(git(repo.bare, "ls-tree", "-r", "--name-only", "main").split("\n").sort()).toEqual(
    ["README.md", ...rollout.customers.map((c) => `clusters/${rollout.cluster.name}/${c.namespace}/${rollout.release.version}/app-config.yaml`)].sort(),
  );
  expect(git(repo.bare, "show", `main:clusters/${rollout.cluster.name}/${rollout.customers[1]!.namespace}/${rollout.release.version}/app-config.yaml`)).toContain(`namespace: ${rollout.customers[1]!.namespace}`);

  // Each customer's step is done, with the commit as its evidence.
  await rm.goto(rollout.checklist(0));
  await expect(rm.getByText("(Done)").first()).toBeVisible();
  await rm.goto(`/customers/${rollout.customers[0]!.id}/ledger`);
  const evidence = rm.getByTestId("ledger-manifest").first();
  await expect(evidence).toContainText("Merged into main of");
  await expect(evidence).toContainText(`approved by Alex Admin (published by Riley Release)`);
  await expect(evidence).toContainText(`commit ${sha}`);
  await rm.context().close();
});
