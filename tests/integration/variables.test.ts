import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, releases } from "@/db/schema";
import { createTemplateStep, updateTemplateStep } from "@/lib/domain/templates/mutations/templates";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { addCustomStep } from "@/lib/domain/steps/mutations/custom";
import { markAllDone } from "@/lib/domain/steps/mutations/bulk";
import { markStepDone } from "@/lib/domain/steps/mutations/transitions";
import { getCustomerReleaseView, getStepDetail } from "@/lib/domain/steps/queries/steps";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { refusal, stepsOf } from "./steps-support";

withTestDatabase();

/** Two customers on one cluster; only A has a region. The release has an image tag. */
async function release(content: string, type: "bash" | "yaml" = "bash") {
  const cluster = await makeCluster({ kubeconfigPath: "/kube/prod-eu", metadata: { context: "eu-ctx" } });
  const a = await makeCustomer(cluster.id, { namespace: "acme-prod", metadata: { region: "eu-west-1" } });
  const b = await makeCustomer(cluster.id, { namespace: "globex-prod" });
  const r = await makeRelease({ status: "active", activatedAt: new Date(), versionNumber: "2.4.0", metadata: { image_tag: "2.4.0-rc1" } });
  const template = await makeTemplate(r.id, { name: "Deploy {{ customer.name }}", type, content });
  await include(r.id, [a.id, b.id]);
  await copyTemplatesToCustomers(getDb(), { releaseId: r.id, origin: "activation" });
  const [stepA] = await stepsOf(r.id, a.id);
  const [stepB] = await stepsOf(r.id, b.id);
  return { cluster, a, b, release: r, template, stepA, stepB };
}

describe("rendered per customer (variables in step content)", () => {
  it("the panel and the checklist show each customer's own command, and name what one lacks", async () => {
    const { a, b, cluster, release: r, stepA, stepB } = await release(
      "kubectl --kubeconfig {{ cluster.kubeconfig }} -n {{ namespace }} set image deploy/api api={{ release.image_tag }} # {{ customer.region }}",
    );
    const forA = await getStepDetail(stepA.id);
    expect(forA?.rendered).toMatchObject({
      hasVariables: true,
      name: `Deploy ${a.name}`,
      content: "kubectl --kubeconfig /kube/prod-eu -n acme-prod set image deploy/api api=2.4.0-rc1 # eu-west-1",
      missing: [],
    });
    expect(forA?.rendered.html).toContain("acme-prod");
    expect(forA?.step.content).toContain("{{ namespace }}"); // the raw text stays what is stored

    const forB = (await getCustomerReleaseView(r.id, b.id))!.deploy[0];
    expect(forB.rendered.content).toBe("kubectl --kubeconfig /kube/prod-eu -n globex-prod set image deploy/api api=2.4.0-rc1 # {{ customer.region }}");
    expect(forB.rendered.missing).toEqual([{ name: "customer.region", where: `${b.name}'s metadata`, href: `/customers/${b.id}` }]);
    // One stored text for both: what differs is only how it renders.
    expect(stepB.content).toBe(stepA.content);
    expect(forA?.rendered.content).toContain(cluster.kubeconfigPath!);
  });

  it("refuses an unknown variable when a template step, an override or a custom step is saved, naming the nearest known one", async () => {
    const rm = await createActor("release_manager");
    const { a, release: r, stepA, template } = await release("echo {{ namespace }}");
    const created = await refusal(() =>
      createTemplateStep({ releaseId: r.id, name: "Check", category: "verify", type: "bash", content: "kubectl -n {{ namepsace }} get pods", description: "" }, rm),
    );
    expect(created.code).toBe("invalid_input");
    expect(created.fieldErrors?.content?.[0]).toMatch(/^Unknown variable \{\{ namepsace \}\}\. Did you mean \{\{ namespace \}\}\?/);
    const renamed = await refusal(() =>
      updateTemplateStep({ id: template.id, version: template.version, name: "For {{ customer.regoin }}", category: "deploy", type: "bash", content: template.content, description: "" }, rm),
    );
    expect(renamed.fieldErrors?.name?.[0]).toMatch(/Did you mean \{\{ customer\.region \}\}/);
    const override = await refusal(() => overrideStepContent({ stepId: stepA.id, version: stepA.version, content: "echo {{ release.imagetag }}" }, rm));
    expect(override.fieldErrors?.content?.[0]).toMatch(/Did you mean \{\{ release\.image_tag \}\}/);
    const custom = await refusal(() =>
      addCustomStep({ releaseId: r.id, customerId: a.id, name: "x", category: "deploy", type: "bash", content: "{{#list}}x{{/list}}", description: "", position: { where: "end" }, addToTemplate: false }, rm),
    );
    expect(custom.fieldErrors?.content?.[0]).toMatch(/only plain variables/);
    // A key some customer has is known, even if another lacks it.
    await expect(
      createTemplateStep({ releaseId: r.id, name: "Region", category: "verify", type: "bash", content: "echo {{ customer.region }}", description: "" }, rm),
    ).resolves.toMatchObject({ customerStepsCreated: 2 });
  });

  it("a YAML template with variables is checked as the manifest it renders to, and lists its objects per customer", async () => {
    const { stepA, stepB } = await release(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n  namespace: {{ namespace }}\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: acme-prod",
      "yaml",
    );
    expect((await getStepDetail(stepA.id))?.rendered.manifest).toEqual([
      { kind: "ConfigMap", name: "api", namespace: "acme-prod", wrongNamespace: false },
      { kind: "Secret", name: "token", namespace: "acme-prod", wrongNamespace: false },
    ]);
    expect((await getStepDetail(stepB.id))?.rendered.manifest?.map((o) => o.wrongNamespace)).toEqual([false, true]);
  });

  it("history keeps what ran, even after the metadata and the release's variables change", async () => {
    const rm = await createActor("release_manager");
    const { a, b, release: r, stepA } = await release("helm upgrade api --namespace {{ namespace }} --set image.tag={{ release.image_tag }} --set region={{ customer.region }}");
    await markStepDone({ stepId: stepA.id, version: stepA.version, notes: "" }, rm);
    await getDb().update(customers).set({ metadata: { region: "us-east-1" } }).where(eq(customers.id, a.id));
    await getDb().update(releases).set({ metadata: { image_tag: "9.9.9" } }).where(eq(releases.id, r.id));
    const done = (await getStepDetail(stepA.id))!;
    const entry = done.history.find((h) => h.kind === "marked_done");
    expect(entry?.ran).toEqual({ content: "helm upgrade api --namespace acme-prod --set image.tag=2.4.0-rc1 --set region=eu-west-1", missing: [] });
    // Now the step itself renders with today's values; the history says what ran then.
    expect(done.rendered.content).toContain("image.tag=9.9.9");

    // "Mark all" keeps what ran too, a missing value named as such.
    await markAllDone({ releaseId: r.id, customerId: b.id, category: "deploy", notes: "" }, rm);
    const [stepB] = await stepsOf(r.id, b.id);
    const bulk = (await getStepDetail(stepB.id))!.history.find((h) => h.kind === "marked_done");
    // What ran is what B's step shows now: said, not sent twice.
    expect(bulk?.ran).toEqual({ content: "", missing: ["customer.region"], sameAsShown: true });
    expect((await getStepDetail(stepB.id))!.rendered.content).toBe("helm upgrade api --namespace globex-prod --set image.tag=9.9.9 --set region={{ customer.region }}");
  });

  it("overridden content is compared with the template as both run for this customer", async () => {
    const rm = await createActor("release_manager");
    const { stepA } = await release("kubectl -n {{ namespace }} rollout restart deploy/api");
    await overrideStepContent({ stepId: stepA.id, version: stepA.version, content: "kubectl -n {{ namespace }} rollout restart deploy/api\nkubectl -n {{ namespace }} rollout status deploy/api" }, rm);
    const diff = (await getStepDetail(stepA.id))!.template!.diff!;
    expect(diff.filter((p) => p.added).map((p) => p.value)).toEqual(["kubectl -n acme-prod rollout status deploy/api\n"]);
    expect(diff.filter((p) => !p.added && !p.removed).map((p) => p.value)).toEqual(["kubectl -n acme-prod rollout restart deploy/api\n"]);
  });
});
