import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, releaseCustomers, releases, stepTemplates } from "@/db/schema";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { cloneReleaseInput, createReleaseInput } from "@/lib/domain/releases/input";
import { archiveRelease, cloneRelease, createRelease, updateRelease } from "@/lib/domain/releases/mutations/releases";
import { getRelease, listReleases } from "@/lib/domain/releases/queries/releases";
import { DomainError } from "@/lib/domain/errors";
import { createActor, engine, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

withTestDatabase();

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const base = { type: "release", name: "", description: "", versionNumber: "v2.5.0", releaseDate: "2026-03-01", metadata: {} };
const fieldErrors = (input: unknown) => {
  const r = createReleaseInput.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("release input", () => {
  it("requires a well-formed version for the release type only", () => {
    expect(fieldErrors({ ...base, name: "x" })).toEqual({});
    expect(fieldErrors({ ...base, name: "x", versionNumber: "2.5.0" })).toEqual({});
    expect(fieldErrors({ ...base, name: "x", versionNumber: "v2.5.0-rc.1" })).toEqual({});
    expect(fieldErrors({ ...base, name: "x", versionNumber: "" }).versionNumber).toMatch(/needs a version/);
    expect(fieldErrors({ ...base, name: "x", versionNumber: "v2.5" }).versionNumber).toMatch(/v2\.5\.0/);
    expect(fieldErrors({ ...base, name: "x", versionNumber: "latest" }).versionNumber).toMatch(/major\.minor\.patch/);
    expect(fieldErrors({ ...base, name: "x", type: "hotfix", versionNumber: "" })).toEqual({});
    expect(fieldErrors({ ...base, name: "x", type: "hotfix", versionNumber: "nope" }).versionNumber).toBeDefined();
  });

  it("names every bad field", () => {
    const errors = fieldErrors({ ...base, name: "  ", type: "bogus", releaseDate: "2026-02-30" });
    expect(Object.keys(errors).sort()).toEqual(["name", "releaseDate", "type"]);
    expect(fieldErrors({ ...base, name: "x", releaseDate: "" })).toEqual({});
  });

  it("clone input checks the version format", () => {
    expect(cloneReleaseInput.safeParse({ id: 1, name: "x", versionNumber: "v3" }).success).toBe(false);
    expect(cloneReleaseInput.safeParse({ id: 1, name: "x", versionNumber: "v3.0.0" }).success).toBe(true);
  });
});

describe(`releases (${engine})`, () => {
  it("creates, refuses a duplicate name (any case) and edits", async () => {
    const actor = await createActor("release_manager");
    const input = createReleaseInput.parse({ ...base, name: "v9.9.9 Spring", metaKey: ["region"], metaValue: ["eu"] });
    const { id } = await createRelease(input, actor);
    const error = await refusal(createRelease({ ...input, name: "V9.9.9 SPRING" }, actor));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.name?.[0]).toBe('A release named "V9.9.9 SPRING" already exists.');

    const detail = await getRelease(id);
    expect(detail).toMatchObject({ status: "draft", versionNumber: "v2.5.0", releaseDate: "2026-03-01", metadata: { region: "eu" } });
    await updateRelease({ ...input, id, name: "Spring", expectedUpdatedAt: detail!.updatedAt }, actor);
    expect((await getRelease(id))?.name).toBe("Spring");
    // The form loaded before that edit is now stale.
    const stale = await refusal(updateRelease({ ...input, id, name: "Other", expectedUpdatedAt: detail!.updatedAt }, actor));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/was changed by .* just now\. Nothing was overwritten/);
    expect((await getRelease(id))?.name).toBe("Spring");
  });

  it("lifecycle: draft may be abandoned; archived is read-only and never re-activated; type fixed once active", async () => {
    const actor = await createActor("release_manager");
    const draft = await makeRelease();
    expect(await archiveRelease(draft.id, actor)).toEqual({ id: draft.id, alreadyArchived: false });
    expect(await archiveRelease(draft.id, actor)).toEqual({ id: draft.id, alreadyArchived: true });
    const edit = await refusal(
      updateRelease({ id: draft.id, name: "x", type: "hotfix", description: "", versionNumber: "", releaseDate: null, metadata: {} }, actor),
    );
    expect(edit.code).toBe("invalid_state");
    expect(edit.message).toMatch(/read-only/);

    const cluster = await makeCluster();
    await makeCustomer(cluster.id);
    const active = await makeRelease();
    await makeTemplate(active.id);
    await activateRelease({ id: active.id, mode: "all", clusterIds: [], customerIds: [] }, actor);
    const typeChange = await refusal(
      updateRelease({ id: active.id, name: active.name, type: "hotfix", description: "", versionNumber: "", releaseDate: null, metadata: {} }, actor),
    );
    expect(typeChange.fieldErrors?.type?.[0]).toMatch(/fixed once a release is active/);
    await archiveRelease(active.id, actor);
    const [row] = await getDb().select().from(releases).where(eq(releases.id, active.id));
    expect(row.status).toBe("archived");
    expect(row.archivedAt).not.toBeNull();
    const again = await refusal(activateRelease({ id: active.id, mode: "all", clusterIds: [], customerIds: [] }, actor));
    expect(again.message).toMatch(/cannot be activated again/);
  });

  it("clones live template steps (renumbered) into a new draft, without customers or their steps", async () => {
    const actor = await createActor("release_manager");
    const cluster = await makeCluster();
    await makeCustomer(cluster.id);
    const source = await makeRelease({ description: "notes" });
    await makeTemplate(source.id, { name: "one", orderIndex: 0 });
    await makeTemplate(source.id, { name: "gone", orderIndex: 1, deletedAt: new Date() });
    await makeTemplate(source.id, { name: "two", orderIndex: 2 });
    await makeTemplate(source.id, { name: "check", orderIndex: 0, category: "verify", type: "text" });
    await activateRelease({ id: source.id, mode: "all", clusterIds: [], customerIds: [] }, actor);

    const missingVersion = await refusal(cloneRelease({ id: source.id, name: `${source.name} (copy)`, versionNumber: "" }, actor));
    expect(missingVersion.fieldErrors?.versionNumber).toBeDefined();
    const dup = await refusal(cloneRelease({ id: source.id, name: source.name, versionNumber: "v1.0.1" }, actor));
    expect(dup.fieldErrors?.name?.[0]).toMatch(/already exists/);

    const clone = await cloneRelease({ id: source.id, name: `${source.name} (copy)`, versionNumber: "v1.0.1" }, actor);
    expect(clone.templateCount).toBe(3);
    const [row] = await getDb().select().from(releases).where(eq(releases.id, clone.id));
    expect(row).toMatchObject({ status: "draft", type: "release", versionNumber: "v1.0.1", description: "notes", clonedFromId: source.id });
    const templates = await getDb().select().from(stepTemplates).where(eq(stepTemplates.releaseId, clone.id));
    expect(templates.map((t) => [t.category, t.name, t.orderIndex]).sort()).toEqual([
      ["deploy", "one", 0],
      ["deploy", "two", 1],
      ["verify", "check", 0],
    ]);
    expect(await getDb().select().from(customerSteps).where(eq(customerSteps.releaseId, clone.id))).toHaveLength(0);
    expect(await getDb().select().from(releaseCustomers).where(eq(releaseCustomers.releaseId, clone.id))).toHaveLength(0);
  });

  it("lists with step counts, customers and done/skipped progress, filtered by status and type", async () => {
    const actor = await createActor("release_manager");
    const cluster = await makeCluster();
    const [a, b] = [await makeCustomer(cluster.id), await makeCustomer(cluster.id)];
    const release = await makeRelease({ type: "hotfix", versionNumber: null });
    await makeTemplate(release.id, { orderIndex: 0 });
    await makeTemplate(release.id, { orderIndex: 0, category: "verify" });
    await activateRelease({ id: release.id, mode: "customers", clusterIds: [], customerIds: [a.id, b.id] }, actor);
    await getDb().execute(sql`update customer_steps set status = 'done' where release_id = ${release.id} and customer_id = ${a.id}`);
    await getDb().execute(
      sql`update customer_steps set status = 'skipped', skip_reason = 'n/a' where release_id = ${release.id} and customer_id = ${b.id} and category = 'verify'`,
    );
    const [item] = (await listReleases({ status: "active", type: "hotfix" })).filter((r) => r.id === release.id);
    expect(item).toMatchObject({ deploySteps: 1, verifySteps: 1, customers: 2, stepsTotal: 4, stepsDone: 2, stepsSkipped: 1, scope: "selected" });
    expect((await listReleases({ status: "draft" })).some((r) => r.id === release.id)).toBe(false);
    expect((await listReleases({ type: "onboarding" })).some((r) => r.id === release.id)).toBe(false);
  });
});
