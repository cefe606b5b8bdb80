import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customerSteps, stepEvents } from "@/db/schema";
import { copyTemplatesToCustomers } from "@/lib/domain/templates/mutations/fanout";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

/** An active release with 3 deploy + 1 verify template steps, activated for two customers. */
export async function activatedRelease() {
  const cluster = await makeCluster();
  const a = await makeCustomer(cluster.id);
  const b = await makeCustomer(cluster.id);
  const release = await makeRelease({ status: "active", activatedAt: new Date() });
  const deploy = [
    await makeTemplate(release.id, { name: "Deploy via Jenkins", orderIndex: 0, content: "jenkins build app" }),
    await makeTemplate(release.id, { name: "Run Migration SQL", type: "sql", orderIndex: 1, content: "ALTER TABLE t ADD c int;" }),
    await makeTemplate(release.id, { name: "Update ConfigMap", orderIndex: 2, content: "kubectl apply -f cm.yaml" }),
  ];
  const verify = [await makeTemplate(release.id, { name: "Health Check API", category: "verify", orderIndex: 0, content: "curl /health" })];
  await include(release.id, [a.id, b.id]);
  await copyTemplatesToCustomers(getDb(), { releaseId: release.id, origin: "activation" });
  return { cluster, a, b, release, deploy, verify };
}

export async function stepsOf(releaseId: number, customerId: number, category: "deploy" | "verify" = "deploy") {
  return getDb()
    .select()
    .from(customerSteps)
    .where(
      and(
        eq(customerSteps.releaseId, releaseId),
        eq(customerSteps.customerId, customerId),
        eq(customerSteps.category, category),
        isNull(customerSteps.removedAt),
      ),
    )
    .orderBy(asc(customerSteps.orderIndex), asc(customerSteps.id));
}

export async function stepRow(id: number) {
  const [row] = await getDb().select().from(customerSteps).where(eq(customerSteps.id, id));
  return row;
}

export async function eventsOf(stepId: number) {
  return getDb().select().from(stepEvents).where(eq(stepEvents.customerStepId, stepId)).orderBy(asc(stepEvents.id));
}

/** Runs `fn` and returns the DomainError it throws (fails if it does not throw one). */
export async function refusal(fn: () => Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { name?: string; code: string; message: string; fieldErrors?: Record<string, string[]> };
    if (e.name !== "DomainError") throw error;
    return { code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  }
  throw new Error("expected a refusal, but it succeeded");
}
