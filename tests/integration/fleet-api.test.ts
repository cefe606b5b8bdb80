import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { executedRows } from "@/db/typed-rows";
import type { Actor } from "@/lib/auth/roles";
import type { Role } from "@/db/schema/vocabulary";
import { createActor, withTestDatabase } from "../support/db";
import { makeCluster, makeCustomer } from "../support/factories";

/**
 * PUT /api/v1/fleet from CI (issue 27): a dry run by default, ?apply=true applies, a bad file is
 * 400 with problems by path and writes nothing, only a release manager's token may change the
 * fleet, and GET exports the file that PUT back changes nothing.
 */
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.actor, requireUser: async () => session.actor }));

withTestDatabase();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://runsheet.test/api/v1";
const route = () => import("@/app/api/v1/fleet/route");

async function token(role: Role) {
  const admin = await createActor("admin");
  const { createToken } = await import("@/lib/domain/api-tokens/mutations/tokens");
  const { createTokenInput } = await import("@/lib/domain/api-tokens/input");
  return (await createToken(admin, createTokenInput.parse({ name: "CI", principal: "service", serviceAccount: `CI ${Math.random()}`, role, expiresInDays: "" }))).token;
}
async function put(file: string, query: string, bearer: string) {
  const handler = (await route()).PUT as Handler;
  const res = await handler(new Request(`${BASE}/fleet${query}`, { method: "PUT", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/yaml" }, body: file }), { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
const customers = async () => Number(executedRows(await getDb().execute(sql`select count(*)::int as n from customers`))[0].n);

describe("PUT /api/v1/fleet", () => {
  it("dry run by default, ?apply=true applies, the same file again changes nothing; GET exports it", async () => {
    const cluster = await makeCluster({ name: "ci-eu" });
    await makeCustomer(cluster.id, { name: "ci-a", namespace: "ci-a" });
    const rm = await token("release_manager");
    const file = `kind: runsheet/fleet@1
clusters:
  - name: ci-eu
customers:
  - { name: ci-a, cluster: ci-eu, namespace: ci-a }
  - { name: ci-b, cluster: ci-eu, namespace: ci-b, metadata: { tier: gold } }
`;
    const before = await customers();
    const dry = await put(file, "", rm);
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ applied: false, summary: { customersCreated: 1, stepsCreated: 0 }, changes: { customers: [{ name: "ci-b", action: "create" }] } });
    expect(await customers()).toBe(before);
    const applied = await put(file, "?apply=true", rm);
    expect(applied.json).toMatchObject({ applied: true, summary: { customersCreated: 1 } });
    expect(await customers()).toBe(before + 1);
    const again = await put(file, "?apply=true", rm);
    expect(again.json.summary).toMatchObject({ customersCreated: 0, customersUpdated: 0, customersArchived: 0 });
    const [audit] = executedRows(await getDb().execute(sql`select actor_name, summary from audit_log where action = 'fleet.import' order by id desc limit 1`));
    expect(audit.summary).toBe("Imported the fleet: 1 customer created");

    const get = (await route()).GET as Handler;
    const exported = await get(new Request(`${BASE}/fleet`, { headers: { authorization: `Bearer ${await token("viewer")}` } }), { params: Promise.resolve({}) });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^application\/yaml/);
    const text = await exported.text();
    expect(text).toMatch(/^kind: runsheet\/fleet@1\n/);
    expect((await put(text, "?apply=true&archiveMissing=true", rm)).json.summary).toMatchObject({ customersCreated: 0, customersUpdated: 0, customersArchived: 0, clustersUpdated: 0 });
  });

  it("a bad file is 400 with problems by path and writes nothing; a viewer's token may not change the fleet", async () => {
    const rm = await token("release_manager");
    const before = await customers();
    const bad = await put(`kind: runsheet/fleet@1\ncustomers:\n  - { name: ok-1, cluster: ci-eu, namespace: ok-1 }\n  - { name: bad, cluster: nowhere, namespace: Bad }\n`, "?apply=true", rm);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fieldErrors)).toEqual(["customers.1.namespace"]);
    const unknown = await put(`kind: runsheet/fleet@1\ncustomers:\n  - { name: bad, cluster: nowhere, namespace: bad }\n`, "?apply=true", rm);
    expect(unknown.json.error.fieldErrors).toEqual({ "customers.0.cluster": ["There is no cluster named nowhere, in Runsheet or in this file."] });
    expect(await customers()).toBe(before);
    const viewer = await put(`kind: runsheet/fleet@1\n`, "", await token("viewer"));
    expect(viewer.status).toBe(403);
    const nobody = await put(`kind: runsheet/fleet@1\n`, "", "rs_not-a-token");
    expect(nobody.status).toBe(401);
  });
});
