import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, customerSteps, stepEvents, stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { overrideStepContent } from "@/lib/domain/steps/mutations/content";
import { addCustomStep } from "@/lib/domain/steps/mutations/custom";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { createActor, engine, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";
import { eventsOf, refusal, stepRow, stepsOf } from "./steps-support";

/**
 * YAML content is checked when it is saved — template create and edit, an override of a YAML
 * step, a custom step added or edited as YAML — and a syntax error is refused with its line and
 * column on the content field, before anything is written. Other types are never parsed.
 * Through the actions (what a form sends) and, for overrides, the mutation itself.
 */
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

withTestDatabase();

beforeAll(async () => {
  session.actor = await createActor("release_manager");
});

const BROKEN = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: api", "  labels: app: api"].join("\n");
const BROKEN_ERROR = "Line 5, column 11: Nested mappings are not allowed in compact mappings";
const MULTI = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: api", "---", "apiVersion: v1", "kind: Secret", "stringData:", '  token: "x"'].join(
  "\n",
);

const contentError = (message: string | RegExp) => ({
  ok: false,
  code: "invalid_input",
  fieldErrors: expect.objectContaining({ content: [typeof message === "string" ? message : expect.stringMatching(message)] }),
});

async function counts() {
  const db = getDb();
  const [[templates], [steps], [events], [audit]] = await Promise.all([
    db.select({ n: count() }).from(stepTemplates),
    db.select({ n: count() }).from(customerSteps),
    db.select({ n: count() }).from(stepEvents),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { templates: templates.n, steps: steps.n, events: events.n, audit: audit.n };
}

function form(fields: Record<string, string | number>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  return fd;
}

/** An active release with a YAML and a bash template step, copied to one customer. */
async function activeWithYaml() {
  const cluster = await makeCluster();
  const customer = await makeCustomer(cluster.id);
  const release = await makeRelease({ status: "active", activatedAt: new Date() });
  await makeTemplate(release.id, { name: "Update ConfigMap", type: "yaml", orderIndex: 0, content: "apiVersion: v1\nkind: ConfigMap" });
  await makeTemplate(release.id, { name: "Restart", type: "bash", orderIndex: 1, content: "kubectl rollout restart deploy/api" });
  await include(release.id, [customer.id]);
  await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
  const [yamlStep, bashStep] = await stepsOf(release.id, customer.id);
  return { release, customer, yamlStep, bashStep };
}

describe(`YAML content is checked when saved (${engine})`, () => {
  it("template create: a syntax error is refused with its line and column, and nothing is written", async () => {
    const { createTemplateStepAction } = await import("@/lib/domain/templates/actions");
    const release = await makeRelease();
    const before = await counts();
    const result = await createTemplateStepAction(
      form({ releaseId: release.id, name: "Update ConfigMap", category: "deploy", type: "yaml", content: BROKEN, description: "" }),
    );
    expect(result).toMatchObject(contentError(BROKEN_ERROR));
    // What was typed comes back, so the form can show it again.
    expect(result).toMatchObject({ values: expect.objectContaining({ content: BROKEN }) });
    expect(await counts()).toEqual(before);
  });

  it("template create: several errors name the first and count the rest", async () => {
    const { createTemplateStepAction } = await import("@/lib/domain/templates/actions");
    const release = await makeRelease();
    const result = await createTemplateStepAction({
      releaseId: release.id,
      name: "Two problems",
      category: "deploy",
      type: "yaml",
      content: "a: b: c\nd:\n\te: f",
      description: "",
    });
    expect(result).toMatchObject(contentError("Line 1, column 4: Nested mappings are not allowed in compact mappings (and 1 more problem)"));
  });

  it("template edit: refused for broken YAML (also when the type changes to YAML); the row keeps its content and version", async () => {
    const { createTemplateStepAction, updateTemplateStepAction } = await import("@/lib/domain/templates/actions");
    const release = await makeRelease();
    const created = await createTemplateStepAction({ releaseId: release.id, name: "Config", category: "deploy", type: "yaml", content: MULTI, description: "" });
    expect(created).toMatchObject({ ok: true });
    const [row] = await getDb().select().from(stepTemplates).where(eq(stepTemplates.releaseId, release.id));
    expect(row.content).toBe(MULTI);
    const before = await counts();

    const edit = { id: row.id, version: row.version, name: row.name, category: "deploy", description: "" };
    expect(await updateTemplateStepAction({ ...edit, type: "yaml", content: "a:\n\tb: 1" })).toMatchObject(
      contentError("Line 2, column 1: Tabs are not allowed as indentation"),
    );
    const bash = await makeTemplate(release.id, { name: "Script", type: "bash", orderIndex: 1, content: "echo a: b: c" });
    expect(
      await updateTemplateStepAction({ id: bash.id, version: bash.version, name: bash.name, category: "deploy", type: "yaml", content: bash.content, description: "" }),
    ).toMatchObject(contentError(/^Line 1, column 9: Nested mappings/));
    expect(await counts()).toEqual({ ...before, templates: before.templates + 1 });
    const [after] = await getDb().select().from(stepTemplates).where(eq(stepTemplates.id, row.id));
    expect(after).toMatchObject({ content: MULTI, version: row.version });
  });

  it("override of a YAML step: refused with line and column (mutation and action); nothing written", async () => {
    const rm = session.actor!;
    const { yamlStep } = await activeWithYaml();
    const before = await counts();
    const refused = await refusal(() => overrideStepContent({ stepId: yamlStep.id, version: yamlStep.version, content: BROKEN }, rm));
    expect(refused).toMatchObject({ code: "invalid_input", fieldErrors: { content: [BROKEN_ERROR] } });

    const { overrideStepAction } = await import("@/lib/domain/steps/actions");
    const viaForm = await overrideStepAction(form({ stepId: yamlStep.id, version: yamlStep.version, content: 'data:\n  LOG_LEVEL: "info' }));
    expect(viaForm).toMatchObject(contentError('Line 2, column 19: Missing closing "quote'));

    expect(await counts()).toEqual(before);
    expect(await stepRow(yamlStep.id)).toMatchObject({ content: yamlStep.content, isOverridden: false, version: yamlStep.version });
    expect(await eventsOf(yamlStep.id)).toEqual([]);
  });

  it("override of a YAML step: valid multi-document YAML is accepted", async () => {
    const { yamlStep } = await activeWithYaml();
    const { overrideStepAction } = await import("@/lib/domain/steps/actions");
    const result = await overrideStepAction({ stepId: yamlStep.id, version: yamlStep.version, content: MULTI });
    expect(result).toMatchObject({ ok: true, data: { isOverridden: true } });
    expect((await stepRow(yamlStep.id)).content).toBe(MULTI);
  });

  it("override of a step of another type: the content is not parsed", async () => {
    const { bashStep } = await activeWithYaml();
    const row = await overrideStepContent({ stepId: bashStep.id, version: bashStep.version, content: BROKEN }, session.actor!);
    expect(row).toMatchObject({ content: BROKEN, isOverridden: true });
  });

  it("custom step added as YAML: refused with line and column, with or without 'Add to template'; nothing written", async () => {
    const { addCustomStepAction } = await import("@/lib/domain/steps/actions");
    const { release, customer } = await activeWithYaml();
    const before = await counts();
    const add = { releaseId: release.id, customerId: customer.id, name: "Patch", category: "deploy", type: "yaml", content: BROKEN, description: "" };
    expect(await addCustomStepAction(form({ ...add, position: "end" }))).toMatchObject(contentError(BROKEN_ERROR));
    expect(await addCustomStepAction(form({ ...add, position: "end", addToTemplate: "on" }))).toMatchObject(contentError(BROKEN_ERROR));
    expect(await counts()).toEqual(before);

    const ok = await addCustomStepAction(form({ ...add, content: MULTI, position: "end" }));
    expect(ok).toMatchObject({ ok: true, data: { addedToTemplate: false } });
    const shared = await addCustomStepAction(form({ ...add, name: "Shared", content: MULTI, position: "end", addToTemplate: "on" }));
    expect(shared).toMatchObject({ ok: true, data: { addedToTemplate: true } });
  });

  it("custom step edited to YAML: refused with line and column; the step is unchanged", async () => {
    const { editCustomStepAction } = await import("@/lib/domain/steps/actions");
    const { release, customer } = await activeWithYaml();
    const { step } = await addCustomStep(
      {
        releaseId: release.id,
        customerId: customer.id,
        name: "Notes",
        category: "deploy",
        type: "text",
        content: "kind: a: b",
        description: "",
        position: { where: "end" },
        addToTemplate: false,
      },
      session.actor!,
    );
    const before = await counts();
    const edit = { stepId: step.id, version: step.version, name: step.name, description: "" };
    expect(await editCustomStepAction({ ...edit, type: "yaml", content: step.content })).toMatchObject(
      contentError("Line 1, column 7: Nested mappings are not allowed in compact mappings"),
    );
    expect(await editCustomStepAction({ ...edit, type: "yaml", content: "a: [1, 2" })).toMatchObject(contentError(/^Line 1, column 9: /));
    expect(await counts()).toEqual(before);
    expect(await stepRow(step.id)).toMatchObject({ type: "text", content: "kind: a: b", version: step.version });

    const fixed = await editCustomStepAction({ ...edit, type: "yaml", content: MULTI });
    expect(fixed).toMatchObject({ ok: true });
    expect(await stepRow(step.id)).toMatchObject({ type: "yaml", content: MULTI });
  });

  it("bash, SQL and text content is never parsed as YAML", async () => {
    const { createTemplateStepAction } = await import("@/lib/domain/templates/actions");
    const { addCustomStepAction } = await import("@/lib/domain/steps/actions");
    const release = await makeRelease();
    for (const type of ["bash", "sql", "text"]) {
      const result = await createTemplateStepAction({ releaseId: release.id, name: `As ${type}`, category: "deploy", type, content: BROKEN, description: "" });
      expect(result).toMatchObject({ ok: true });
    }
    const { release: active, customer } = await activeWithYaml();
    const custom = await addCustomStepAction({
      releaseId: active.id,
      customerId: customer.id,
      name: "SQL with colons",
      category: "verify",
      type: "sql",
      content: "SELECT 'a: b: c';\n\tSELECT 1;",
      description: "",
      position: "end",
    });
    expect(custom).toMatchObject({ ok: true });
  });
});
