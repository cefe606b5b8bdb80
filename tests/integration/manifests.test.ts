import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, manifestFiles, manifestPublishes, stepEvents, users, webhookDeliveries } from "@/db/schema";
import { archiveCustomer } from "@/lib/domain/customers/mutations/customers";
import { getCustomerLedger } from "@/lib/domain/customers/queries/ledger";
import { getStepDetail } from "@/lib/domain/steps/queries/steps";
import { publishInput, repositoryInput } from "@/lib/domain/manifests/input";
import { compareWithRepository } from "@/lib/domain/manifests/mutations/compare";
import { mergePublish } from "@/lib/domain/manifests/mutations/merge";
import { publishManifests } from "@/lib/domain/manifests/mutations/publish";
import { createRepository } from "@/lib/domain/manifests/mutations/repositories";
import { promoteStage } from "@/lib/domain/stages/mutations/promote";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCustomer } from "../support/factories";
import { git, manifest, manifestRelease } from "./manifests-support";
import { refusal } from "./steps-support";

/**
 * The manifest repository against real Git repositories made by the test (a bare repository on
 * disk, reached over file://): publish writes exactly the reviewed files on the stage's branch,
 * again is a no-op, the merge moves main and makes the steps done with the commit as evidence, a
 * conflicting edit on main is refused per file, and a hand edit after the merge is drift.
 */
withTestDatabase();

const stepOf = async (releaseId: number, customerId: number) =>
  (await getDb().select().from(customerSteps).where(and(eq(customerSteps.releaseId, releaseId), eq(customerSteps.customerId, customerId), eq(customerSteps.type, "yaml"))))[0]!;

describe("manifest repository", () => {
  it("publishes a stage as one commit holding exactly its customers' rendered files; publishing again commits nothing", async () => {
    const t = await manifestRelease();
    const before = t.repo.files("main");
    const [out] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    expect(out).toMatchObject({ branch: `runsheet/${t.release.versionNumber}/canary`, files: 2, unchanged: false });
    const branch = `runsheet/${t.release.versionNumber}/canary`;
    expect(t.repo.head(branch)).toBe(out!.commitSha);
    const added = t.repo.files(branch).filter((f) => !before.includes(f));
    expect(added.sort()).toEqual([`clusters/${t.east.name}/${t.canary.namespace}/${t.release.versionNumber}/app-config.yaml`, `clusters/${t.west.name}/${t.canary2.namespace}/${t.release.versionNumber}/app-config.yaml`].sort());
    // Not the production customer's; rendered for each customer; main untouched.
    expect(t.repo.show(branch, added.find((f) => f.includes(t.canary.namespace))!)).toContain(`namespace: "${t.canary.namespace}"\ndata:\n  tier: "gold"`);
    expect(t.repo.files("main")).toEqual(before);
    const message = git(t.repo.bare, "log", "-1", "--format=%an%n%B", branch);
    expect(message).toContain(t.rm.name);
    expect(message).toContain(`Customers (2): ${t.canary.name}, ${t.canary2.name}`);
    expect(message).toContain("Stage: Canary");

    const [again] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    expect(again).toMatchObject({ publishId: out!.publishId, commitSha: out!.commitSha, unchanged: true });
    expect(t.repo.head(branch)).toBe(out!.commitSha);
    expect(Number(git(t.repo.bare, "rev-list", "--count", branch))).toBe(2);
  });

  it("merges only when someone other than the publisher approves; the steps are then done with the commit, path and approver as evidence", async () => {
    const t = await manifestRelease();
    await getDb().execute(sql`insert into webhook_endpoints (name, url, url_box, secret_box, events) values ('hook', 'https://x.example/…', 'v1.a.b.c', 'v1.a.b.c', '{manifests.merged}')`);
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    const self = await refusal(() => mergePublish(t.rm, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(self.message).toMatch(/You published these manifests: someone else approves/);
    const stale = await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: "0".repeat(40) }));
    expect(stale.code).toBe("conflict");
    expect(t.repo.head("main")).toBe(t.repo.head("main~0"));
    const mainBefore = t.repo.head("main");

    const merged = await mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha });
    expect(merged).toMatchObject({ mergedSha: pub!.commitSha, mergeKind: "fast-forward", done: 2 });
    expect(t.repo.head("main")).toBe(pub!.commitSha);
    expect(t.repo.head("main")).not.toBe(mainBefore);
    const step = await stepOf(t.release.id, t.canary.id);
    expect(step).toMatchObject({ status: "done", executedById: t.approver.id });
    expect((await stepOf(t.release.id, t.production.id)).status).toBe("pending");
    const [event] = await getDb().select().from(stepEvents).where(and(eq(stepEvents.customerStepId, step.id), eq(stepEvents.kind, "marked_done")));
    expect(event!.detail).toMatchObject({ manifest: { commitSha: pub!.commitSha, path: `clusters/${t.east.name}/${t.canary.namespace}/${t.release.versionNumber}/app-config.yaml`, approvedBy: t.approver.name, publishedBy: t.rm.name, branch: "main" } });
    const detail = await getStepDetail(step.id);
    expect(detail!.history.at(-1)!.note).toBe(
      `Merged into main of fleet-manifests at ${pub!.commitSha.slice(0, 12)} (clusters/${t.east.name}/${t.canary.namespace}/${t.release.versionNumber}/app-config.yaml), approved by ${t.approver.name}; published by ${t.rm.name}`,
    );
    expect(detail!.manifest).toMatchObject({ status: "merged", mergedSha: pub!.commitSha, mergedBy: t.approver.name, drifted: null });
    const [entry] = await getCustomerLedger(t.canary.id, { releaseId: t.release.id });
    expect(entry).toMatchObject({ kind: "marked_done", actorName: t.approver.name, manifest: { commitSha: pub!.commitSha, approvedBy: t.approver.name } });
    const hooks = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.event, "manifests.merged"));
    expect(hooks.at(-1)!.payload).toMatchObject({ sha: pub!.commitSha, repository: { branch: "main" }, by: t.approver.name });
    const again = await refusal(() => mergePublish(t.admin, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(again.message).toMatch(/Already merged by/);
  });

  it("a file someone changed on main since the publish is a conflict, listed by file and never forced; main moved elsewhere merges with a merge commit", async () => {
    const t = await manifestRelease();
    await promoteStage({ releaseId: t.release.id, stageId: t.stages[1]!.id, reason: "Canary is merged by GitOps" }, t.admin);
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[1]!.id, customerIds: [] });
    const file = `clusters/${t.west.name}/${t.production.namespace}/${t.release.versionNumber}/app-config.yaml`;
    const edited = t.repo.handEdit(file, "kind: ConfigMap\nmetadata:\n  name: by-hand\n");
    const refused = await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(refused.message).toContain(`changed on main since this was published — ${file}`);
    expect(t.repo.head("main")).toBe(edited);
    expect((await stepOf(t.release.id, t.production.id)).status).toBe("pending");
    const [row] = await getDb().select().from(manifestPublishes).where(eq(manifestPublishes.id, pub!.publishId));
    expect(row).toMatchObject({ conflicts: [file], status: "open" });

    // Publishing again builds on the new main: the diff now shows the hand edit it replaces, and it merges.
    const [again] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[1]!.id, customerIds: [] });
    expect(again!.publishId).not.toBe(pub!.publishId);
    expect(git(t.repo.bare, "rev-parse", `${again!.commitSha}^`)).toBe(edited);
    const [file2] = await getDb().select().from(manifestFiles).where(eq(manifestFiles.publishId, again!.publishId));
    expect(file2!.baseContent).toContain("by-hand");
    expect((await mergePublish(t.approver, { publishId: again!.publishId, commitSha: again!.commitSha })).mergeKind).toBe("fast-forward");

    // Publishing again builds on the new main (the branch's work was not merged: it stacks), and a
    // change elsewhere on main merges with a merge commit.
    const t2 = await manifestRelease({ repository: t.repo });
    await promoteStage({ releaseId: t2.release.id, stageId: t2.stages[1]!.id, reason: "Canary is merged by GitOps" }, t2.admin);
    const [pub2] = await publishManifests(t2.rm, { releaseId: t2.release.id, stageId: t2.stages[1]!.id, customerIds: [] });
    const other = t.repo.handEdit("docs/notes.md", "unrelated\n");
    const merged = await mergePublish(t2.approver, { publishId: pub2!.publishId, commitSha: pub2!.commitSha });
    expect(merged.mergeKind).toBe("merge commit");
    const parents = git(t.repo.bare, "log", "-1", "--format=%P", "main").split(" ");
    expect(parents).toEqual([other, pub2!.commitSha]);
  });

  it("refuses what would not merge the reviewed text: a step changed since publishing, a closed stage, a shared path", async () => {
    const t = await manifestRelease();
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    const step = await stepOf(t.release.id, t.canary.id);
    await overrideStepContent({ stepId: step.id, version: step.version, content: manifest2 }, t.rm);
    const changed = await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(changed.message).toMatch(/changed since this was published/);

    const closed = await refusal(() => publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[1]!.id, customerIds: [] }).then(([p]) => mergePublish(t.approver, { publishId: p!.publishId, commitSha: p!.commitSha })));
    expect(closed.message).toMatch(/is not open yet/);

    // Two customers with one namespace on two clusters, and a pattern without the cluster: refused.
    const shared = await manifestRelease({ pattern: "tenants/{{ namespace }}/{{ step.slug }}.yaml" });
    const twin = await makeCustomer(shared.west.id, { name: `twin-${shared.release.id}`, namespace: shared.canary.namespace, metadata: { wave: "canary", tier: "x" } });
    await include(shared.release.id, [twin.id]);
    const { copyTemplatesToCustomers } = await import("@/lib/domain/templates/mutations/fanout");
    await copyTemplatesToCustomers(getDb(), { releaseId: shared.release.id, origin: "customer_joined" });
    const collision = await refusal(() => publishManifests(shared.rm, { releaseId: shared.release.id, stageId: shared.stages[0]!.id, customerIds: [] }));
    expect(collision.message).toMatch(new RegExp(`tenants/${shared.canary.namespace}/app-config.yaml would hold both`));
    expect(shared.repo.files(`main`)).toEqual(["README.md"]);
  });

  it("a clean three-way merge that would change a published file's text is a conflict: main gets exactly the reviewed files or nothing", async () => {
    const t = await manifestRelease();
    await promoteStage({ releaseId: t.release.id, stageId: t.stages[1]!.id, reason: "Canary is merged by GitOps" }, t.admin);
    const file = `clusters/${t.west.name}/${t.production.namespace}/${t.release.versionNumber}/app-config.yaml`;
    const rendered = manifest.replace("{{ namespace }}", t.production.namespace).replace("{{ customer.tier }}", "bronze");
    t.repo.handEdit(file, `# owned by the platform team\n${rendered}`);
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[1]!.id, customerIds: [] });
    const edited = t.repo.handEdit(file, `# owned by the platform team\n${rendered}# audited\n`);
    const refused = await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(refused.message).toContain(`changed on main since this was published — ${file}`);
    expect(t.repo.head("main")).toBe(edited);
  });

  it("four eyes: the template's author, a service account and whoever published the commit may not approve; the approver becomes the reviewer", async () => {
    const t = await manifestRelease({ review: true });
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    const author = await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(author.message).toMatch(/You wrote the content of .*its review is someone else's/);
    const [bot] = await getDb().insert(users).values({ email: `ci-${t.release.id}@test.local`, name: `CI ${t.release.id}`, role: "release_manager", isServiceAccount: true }).returning();
    const service = await refusal(() => mergePublish({ id: bot!.id, name: bot!.name, email: bot!.email, role: "release_manager" }, { publishId: pub!.publishId, commitSha: pub!.commitSha }));
    expect(service.message).toMatch(/A service account cannot approve/);
    // Someone else publishes the same commit again (a version-only change): the first publisher still may not approve it.
    const step = await stepOf(t.release.id, t.canary.id);
    await getDb().update(customerSteps).set({ version: step.version + 1 }).where(eq(customerSteps.id, step.id));
    const [republished] = await publishManifests(t.admin, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    expect(republished).toMatchObject({ commitSha: pub!.commitSha, unchanged: true });
    expect(republished!.publishId).not.toBe(pub!.publishId);
    const first = await refusal(() => mergePublish(t.rm, { publishId: republished!.publishId, commitSha: pub!.commitSha }));
    expect(first.message).toMatch(/You published this commit/);
    const other = await createActor("release_manager");
    await mergePublish(other, { publishId: republished!.publishId, commitSha: pub!.commitSha });
    expect(await stepOf(t.release.id, t.canary.id)).toMatchObject({ status: "done", reviewedById: other.id });
  });

  it("a publish holds exactly its files: a customer archived since is gone from the branch on the next publish", async () => {
    const t = await manifestRelease();
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    const branch = `runsheet/${t.release.versionNumber}/canary`;
    expect(t.repo.files(branch)).toHaveLength(3);
    await archiveCustomer({ id: t.canary2.id }, t.admin);
    const [again] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    expect(again!.publishId).not.toBe(pub!.publishId);
    expect(t.repo.files(branch).sort()).toEqual(["README.md", `clusters/${t.east.name}/${t.canary.namespace}/${t.release.versionNumber}/app-config.yaml`]);
    const [old] = await getDb().select().from(manifestPublishes).where(eq(manifestPublishes.id, pub!.publishId));
    expect(old!.status).toBe("superseded");
    expect(await refusal(() => mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha }))).toMatchObject({ code: "conflict" });
  });

  it("publishes chosen customers on a branch of their own; an empty choice is refused, not 'everyone'", async () => {
    const t = await manifestRelease();
    const [one] = await publishManifests(t.rm, publishInput.parse({ releaseId: t.release.id, customerIds: [t.production.id], chosen: true }));
    expect(one!.branch).toMatch(new RegExp(`^runsheet/${t.release.versionNumber}/customers-[0-9a-f]{10}$`));
    expect(t.repo.files(one!.branch)).toEqual(["README.md", `clusters/${t.west.name}/${t.production.namespace}/${t.release.versionNumber}/app-config.yaml`]);
    const empty = publishInput.safeParse({ releaseId: t.release.id, customerIds: [], chosen: "true" });
    expect(empty.error?.issues[0]).toMatchObject({ path: ["customerIds"], message: "Choose at least one customer." });
  });

  it("compares merged files with main: a hand edit after the merge is drift", async () => {
    const t = await manifestRelease();
    const [pub] = await publishManifests(t.rm, { releaseId: t.release.id, stageId: t.stages[0]!.id, customerIds: [] });
    await mergePublish(t.approver, { publishId: pub!.publishId, commitSha: pub!.commitSha });
    expect(await compareWithRepository(t.rm, { releaseId: t.release.id })).toMatchObject({ checked: 2, same: 2, changed: [] });
    const file = `clusters/${t.east.name}/${t.canary.namespace}/${t.release.versionNumber}/app-config.yaml`;
    t.repo.handEdit(file, "kind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  tier: platinum\n");
    const result = await compareWithRepository(t.rm, { releaseId: t.release.id });
    expect(result).toMatchObject({ checked: 2, same: 1, changed: [{ customer: t.canary.name, path: file, missing: false }] });
    const [kept] = await getDb().select().from(manifestFiles).where(and(eq(manifestFiles.publishId, pub!.publishId), eq(manifestFiles.customerId, t.canary.id)));
    expect(kept!.drifted).toBe(true);
  });

  it("a repository is refused in words when it cannot be reached, has no such branch, or its path pattern could escape", async () => {
    const admin = await createActor("admin");
    const t = await manifestRelease();
    const input = (v: Record<string, string>) => repositoryInput.parse({ name: "x", url: t.repo.url, branch: "main", pathPattern: "{{ cluster.name }}/{{ namespace }}/{{ step.slug }}.yaml", scope: `cluster:${t.east.id}`, ...v });
    const unreachable = await refusal(() => createRepository(admin, input({ url: "/nowhere/at/all.git" })));
    expect(unreachable.fieldErrors?.url?.[0]).toMatch(/could not be reached/);
    const branch = await refusal(() => createRepository(admin, input({ branch: "production" })));
    expect(branch.fieldErrors?.branch?.[0]).toMatch(/has no branch "production"/);
    const escape = repositoryInput.safeParse({ name: "x", url: t.repo.url, branch: "main", pathPattern: "../{{ namespace }}/{{ step.slug }}.yaml", scope: `cluster:${t.east.id}` });
    expect(escape.error?.issues[0]?.message).toMatch(/must stay inside the repository/);
    const shared = repositoryInput.safeParse({ name: "x", url: t.repo.url, branch: "main", pathPattern: "all/{{ step.slug }}.yaml", scope: `cluster:${t.east.id}` });
    expect(shared.error?.issues[0]?.message).toMatch(/each customer gets a file of its own/);
    const withPassword = repositoryInput.safeParse({ name: "x", url: "https://me:secret@git.example.com/m.git", branch: "main", pathPattern: "{{ namespace }}/{{ step.slug }}.yaml", scope: `cluster:${t.east.id}` });
    expect(withPassword.error?.issues[0]?.message).toMatch(/Token field/);
    const created = await createRepository(admin, input({}));
    expect(created.id).toBeGreaterThan(0);
  });
});

const manifest2 = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: "{{ namespace }}"
data:
  tier: "changed"
`;
