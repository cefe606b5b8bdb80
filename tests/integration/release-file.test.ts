import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { releases, stepTemplates } from "@/db/schema";
import { exportRelease } from "@/lib/domain/releases/queries/export";
import { importRelease, readReleaseFile } from "@/lib/domain/releases/mutations/import";
import { toReleaseYaml } from "@/lib/domain/releases/model/release-file";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { createActor, withTestDatabase } from "../support/db";
import { refusal } from "./steps-support";

withTestDatabase();

const yamlOf = async (id: number, customers = false) => toReleaseYaml((await exportRelease(id, { customers }))!);

describe("release as code", () => {
  it("export → import → export gives the same file; customer states are exported on request and not imported", async () => {
    await seedDemoData(getDb());
    const rm = await createActor("release_manager");
    const [v25] = await getDb().select().from(releases).where(eq(releases.name, "v2.5.0"));
    const first = await yamlOf(v25.id);
    expect(first).toMatch(/^kind: runsheet\/release@1\nrelease:\n {2}name: v2\.5\.0\n {2}type: release\n/);
    expect(first).toContain("track: Standard release");
    expect(first).toContain("content: |"); // multi-line content as literal blocks: diffs read well

    // The original is renamed, so the file's own name is free again.
    await getDb().update(releases).set({ name: "v2.5.0 (old)" }).where(eq(releases.id, v25.id));
    const imported = await importRelease({ text: first }, rm);
    expect(imported.templateSteps).toBe(5);
    const [draft] = await getDb().select().from(releases).where(eq(releases.id, imported.id));
    expect(draft).toMatchObject({ status: "draft", name: "v2.5.0", trackId: v25.trackId });
    expect(await yamlOf(imported.id)).toBe(first);

    const withCustomers = await exportRelease(v25.id, { customers: true });
    const c = withCustomers!.customers!.find((x) => x.name === "customer-c")!;
    expect(c).toMatchObject({ cluster: "prod-us", namespace: "cust-c-prod" });
    expect(c.steps.find((s) => s.custom)).toMatchObject({ name: "Flush CDN cache", status: "pending", override: expect.stringContaining("cdn.example.com") });
    const a = withCustomers!.customers!.find((x) => x.name === "customer-a")!;
    expect(a.steps.find((s) => s.name === "Update ConfigMap")).toMatchObject({ status: "skipped", skipReason: expect.stringContaining("GitOps") });
    const preview = readReleaseFile(toReleaseYaml(withCustomers!), "v2.5.0 again").preview;
    expect(preview).toMatchObject({ name: "v2.5.0 again", customersInFile: 6, deploy: ["Deploy via Jenkins", "Run Migration SQL", "Update ConfigMap"] });
  });

  it("a bad file gets field-level errors and writes nothing", async () => {
    const rm = await createActor("release_manager");
    const before = (await getDb().select().from(releases)).length;
    const templatesBefore = (await getDb().select().from(stepTemplates)).length;
    const bad = [
      "kind: runsheet/release@1",
      "release:",
      "  name: ''",
      "  type: weekly",
      "  version: '2.0'",
      "steps:",
      "  deploy:",
      "    - name: Apply",
      "      type: yaml",
      "      content: 'a: [1'",
      "  later: []",
    ].join("\n");
    const refused = await refusal(() => importRelease({ text: bad }, rm));
    expect(refused.code).toBe("invalid_input");
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual(expect.arrayContaining(["release.name", "release.type", "steps.deploy.0.content", "steps"]));
    expect(refused.message).toMatch(/^The file has \d+ problems: /);

    expect((await refusal(() => importRelease({ text: "kind: [unclosed" }, rm))).message).toMatch(/^The file is not valid YAML \(line 1\)/);
    // 10,000 levels deep: refused in words at the file, not "Maximum call stack size exceeded".
    const deep = await refusal(() => importRelease({ text: `kind: runsheet/release@1\nvariables: ${"[".repeat(10_000)}${"]".repeat(10_000)}` }, rm));
    expect(deep.fieldErrors?.file?.[0]).toBe("Line 2: The YAML nests deeper than 64 levels here: Runsheet reads at most 64 levels of nesting.");
    expect(JSON.stringify(deep)).not.toMatch(/call stack/);
    expect((await refusal(() => importRelease({ text: "release: {}" }, rm))).fieldErrors?.kind?.[0]).toBe("The first line must say kind: runsheet/release@1.");

    const file = (track: string, content: string) =>
      `kind: runsheet/release@1\nrelease:\n  name: imported-${Math.random().toString(36).slice(2, 7)}\n  type: hotfix\n  track: ${track}\nsteps:\n  deploy:\n    - name: Patch\n      type: bash\n      content: ${content}\n`;
    expect((await refusal(() => importRelease({ text: file("Nonexistent", "echo hi") }, rm))).fieldErrors?.["release.track"]?.[0]).toMatch(/no track named "Nonexistent"/);
    const unknown = await refusal(() => importRelease({ text: file("''", "'kubectl -n {{ namspace }} get pods'") }, rm));
    expect(unknown.fieldErrors?.["steps.deploy.0.content"]?.[0]).toMatch(/namspace.*Did you mean \{\{ namespace \}\}/);
    expect((await getDb().select().from(releases)).length).toBe(before);
    expect((await getDb().select().from(stepTemplates)).length).toBe(templatesBefore);

    // A name that is taken is refused beside the name.
    const ok = await importRelease({ text: file("''", "echo hi"), name: "unique-import" }, rm);
    expect(ok.templateSteps).toBe(1);
    expect((await refusal(() => importRelease({ text: file("''", "echo hi"), name: "unique-import" }, rm))).fieldErrors?.name?.[0]).toMatch(/already exists/);
  });
});
