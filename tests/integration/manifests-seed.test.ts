import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { customerSteps, releaseStages, releases, stepTemplates, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { mergePublish } from "@/lib/domain/manifests/mutations/merge";
import { publishManifests } from "@/lib/domain/manifests/mutations/publish";
import { activateRelease } from "@/lib/domain/releases/mutations/activation";
import { seedDemoData } from "@/lib/ops/seed-demo";
import { withTestDatabase } from "../support/db";

/**
 * The demo's manifest repository works out of the box: a bare repository beside the data, the
 * release track's, and v2.6.0's "App config" step published to it; activate, publish staging as
 * Riley, approve as Alex, and staging's step is done with the commit.
 */
withTestDatabase();

const actor = async (email: string): Promise<Actor> => (await getDb().select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(eq(users.email, email)))[0]!;

describe("the demo's manifest repository", () => {
  it("v2.6.0 publishes staging's manifest to the demo repository and merges on a second person's approval", async () => {
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "runsheet-seed-"));
    process.env.MANIFEST_CACHE_DIR = path.join(process.env.DATA_DIR, "cache");
    try {
      await seedDemoData(getDb());
      const [v26] = await getDb().select().from(releases).where(eq(releases.name, "v2.6.0"));
      const templates = await getDb().select().from(stepTemplates).where(eq(stepTemplates.releaseId, v26!.id));
      expect(templates.find((t) => t.execution === "manifest")?.name).toBe("App config");
      const [riley, alex] = [await actor("rm@runsheet.local"), await actor("admin@runsheet.local")];
      await activateRelease({ id: v26!.id, mode: "all", clusterIds: [], customerIds: [] }, riley);
      const [stage] = await getDb().select().from(releaseStages).where(eq(releaseStages.releaseId, v26!.id)).orderBy(releaseStages.position).limit(1);
      const [pub] = await publishManifests(riley, { releaseId: v26!.id, stageId: Number(stage!.id), customerIds: [] });
      expect(pub).toMatchObject({ repository: "demo-manifests", branch: "runsheet/v2.6.0/staging", files: 1 });
      const merged = await mergePublish(alex, { publishId: pub!.publishId, commitSha: pub!.commitSha });
      expect(merged).toMatchObject({ mergeKind: "fast-forward", done: 1 });
      const done = await getDb().select().from(customerSteps).where(eq(customerSteps.releaseId, v26!.id));
      expect(done.filter((s) => s.execution === "manifest" && s.status === "done")).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
    }
  });
});
