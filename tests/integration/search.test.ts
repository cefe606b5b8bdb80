import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { stepTemplates } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { parseCustomerListParams } from "@/lib/domain/customers/input";
import { archiveCustomer } from "@/lib/domain/customers/mutations/customers";
import { countArchivedCustomers, listCustomers } from "@/lib/domain/customers/queries/customers";
import { parseReleaseListParams } from "@/lib/domain/releases/input";
import { listReleases } from "@/lib/domain/releases/queries/releases";
import { searchAction } from "@/lib/domain/search/actions";
import { GROUP_LIMIT } from "@/lib/domain/search/model/links";
import { searchEverything } from "@/lib/domain/search/queries/search";
import { escapeLike, searchParam } from "@/lib/domain/shared/search-text";
import { createActor, engine, withTestDatabase } from "../support/db";
import { include, makeCluster, makeCustomer, makeRelease, makeTemplate } from "../support/factories";

// The action path (session, role, input) with a signed-in user chosen per test.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.actor,
  requireUser: async () => {
    throw new Error("pages only");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

withTestDatabase();

let admin: Actor;
let viewer: Actor;
beforeAll(async () => {
  admin = await createActor("admin");
  viewer = await createActor("viewer");
});
beforeEach(() => {
  session.actor = null;
});

/** A token no other test's rows contain, so each test reads only its own rows. */
let n = 0;
const token = () => `t${++n}${Math.random().toString(36).slice(2, 7)}`;

describe(`the command palette's search (${engine})`, () => {
  it("finds a customer by namespace, in any case, with its cluster and where to go", async () => {
    const t = token();
    const cluster = await makeCluster({ name: `prod-${t}` });
    const customer = await makeCustomer(cluster.id, { name: `Acme ${t}`, namespace: `cust-${t}-prod` });
    const results = await searchEverything(`CUST-${t.toUpperCase()}-PROD`);
    expect(results.customers.items).toEqual([
      { id: customer.id, name: `Acme ${t}`, namespace: `cust-${t}-prod`, clusterName: `prod-${t}`, href: `/customers/${customer.id}` },
    ]);
    expect((await searchEverything(`acme ${t}`)).customers.items.map((c) => c.id)).toEqual([customer.id]);
    // The cluster's name matched nothing here; by its own name it is found, with its page.
    expect(results.clusters.items).toEqual([]);
    expect((await searchEverything(`prod-${t}`)).clusters.items).toEqual([{ id: cluster.id, name: `prod-${t}`, isActive: true, href: `/clusters/${cluster.id}` }]);
  });

  it("does not find archived customers, deleted clusters or deleted template steps", async () => {
    const t = token();
    const cluster = await makeCluster({ name: `gone-${t}` });
    const kept = await makeCustomer(cluster.id, { name: `kept-${t}`, namespace: `ns-kept-${t}` });
    const archived = await makeCustomer(cluster.id, { name: `old-${t}`, namespace: `ns-old-${t}` });
    await archiveCustomer({ id: archived.id }, admin);
    expect((await searchEverything(t)).customers.items.map((c) => c.id)).toEqual([kept.id]);
    expect((await searchEverything(`ns-old-${t}`)).customers.items).toEqual([]);

    await makeCluster({ name: `deleted-${t}`, deletedAt: new Date() });
    expect((await searchEverything(`deleted-${t}`)).clusters.items).toEqual([]);

    const release = await makeRelease({ name: `rel-${t}`, status: "active" });
    const step = await makeTemplate(release.id, { name: `Drop cache ${t}` });
    expect((await searchEverything(`drop cache ${t}`)).templateSteps.items.map((s) => s.id)).toEqual([step.id]);
    await getDb().update(stepTemplates).set({ deletedAt: new Date() }).where(eq(stepTemplates.id, step.id));
    expect((await searchEverything(`drop cache ${t}`)).templateSteps.items).toEqual([]);
  });

  it("takes % and _ (and \\) literally, never as wildcards", async () => {
    const t = token();
    const cluster = await makeCluster({ name: `lit-${t}` });
    const percent = await makeCustomer(cluster.id, { name: `${t}-50%off` });
    await makeCustomer(cluster.id, { name: `${t}-50xxoff` });
    const under = await makeCustomer(cluster.id, { name: `${t}-a_b` });
    await makeCustomer(cluster.id, { name: `${t}-axb` });
    const slash = await makeCustomer(cluster.id, { name: `${t}-c\\d` });
    await makeCustomer(cluster.id, { name: `${t}-cd` });
    const ids = async (q: string) => (await searchEverything(q)).customers.items.map((c) => c.id);
    expect(await ids(`${t}-50%off`)).toEqual([percent.id]);
    expect(await ids(`${t}-a_b`)).toEqual([under.id]);
    expect(await ids(`${t}-c\\d`)).toEqual([slash.id]);
    // A lone "%" or "_" finds only names that contain one.
    expect((await searchEverything("%")).customers.items.every((c) => c.name.includes("%") || c.namespace.includes("%"))).toBe(true);
    expect((await searchEverything("_")).customers.items.every((c) => c.name.includes("_") || c.namespace.includes("_"))).toBe(true);
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });

  it(`shows at most ${GROUP_LIMIT} of each kind, says when there are more, and puts prefix matches first`, async () => {
    const t = token();
    for (let i = 0; i < GROUP_LIMIT + 2; i++) await makeCluster({ name: `x-${t}-${String(i).padStart(2, "0")}` });
    const exact = await makeCluster({ name: `${t}-first` });
    const release = await makeRelease({ name: `group ${t}` });
    for (let i = 0; i < GROUP_LIMIT + 1; i++) await makeTemplate(release.id, { name: `step ${t} ${i}`, orderIndex: i });

    const results = await searchEverything(t);
    expect(results.clusters.items).toHaveLength(GROUP_LIMIT);
    expect(results.clusters.more).toBe(true);
    expect(results.clusters.items[0].id).toBe(exact.id); // starts with the text
    expect(results.templateSteps.items).toHaveLength(GROUP_LIMIT);
    expect(results.templateSteps.more).toBe(true);
    expect(results.releases).toEqual({ items: [expect.objectContaining({ id: release.id })], more: false });
    expect((await searchEverything(`x-${t}-0`)).clusters).toMatchObject({ more: true });
    expect((await searchEverything(`x-${t}-09`)).clusters).toEqual({ items: [expect.objectContaining({ name: `x-${t}-09` })], more: false });
  });

  it("finds releases by name or version, and template steps with their release and the right page", async () => {
    const t = token();
    const draft = await makeRelease({ name: `Spring ${t}`, versionNumber: `v7.${n}.0`, status: "draft" });
    const active = await makeRelease({ name: `Summer ${t}`, versionNumber: `v8.${n}.0`, status: "active" });
    const archived = await makeRelease({ name: `Autumn ${t}`, versionNumber: `v9.${n}.0`, status: "archived" });
    expect((await searchEverything(`v8.${n}.0`)).releases.items).toEqual([
      { id: active.id, name: `Summer ${t}`, versionNumber: `v8.${n}.0`, status: "active", href: `/releases/${active.id}` },
    ]);
    expect((await searchEverything(`spring ${t}`)).releases.items.map((r) => r.id)).toEqual([draft.id]);

    const steps = await Promise.all([draft, active, archived].map((r) => makeTemplate(r.id, { name: `Warm cache ${t}`, category: "verify" })));
    const found = (await searchEverything(`warm cache ${t}`)).templateSteps.items;
    expect(found.map((s) => [s.releaseName, s.href])).toEqual([
      // Active first, then drafts, then archived (the releases list's order).
      [`Summer ${t}`, `/releases/${active.id}/steps/${steps[1].id}`],
      [`Spring ${t}`, `/releases/${draft.id}`],
      [`Autumn ${t}`, `/releases/${archived.id}/steps/${steps[2].id}`],
    ]);
    expect(found[0]).toMatchObject({ category: "verify", releaseId: active.id, releaseStatus: "active" });
  });

  it("answers through searchAction for any signed-in user, and refuses empty or overlong text", async () => {
    const t = token();
    const cluster = await makeCluster({ name: `act-${t}` });
    const customer = await makeCustomer(cluster.id, { namespace: `cust-${t}-prod` });

    expect(await searchAction({ q: t })).toMatchObject({ ok: false, code: "unauthenticated" });
    session.actor = viewer;
    const answer = await searchAction({ q: `  cust-${t}-prod  ` });
    expect(answer).toMatchObject({ ok: true, data: { q: `cust-${t}-prod`, customers: { items: [{ id: customer.id }], more: false } } });
    expect(await searchAction({ q: "   " })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await searchAction({ q: "x".repeat(101) })).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await searchAction({ q: "x".repeat(100) })).toMatchObject({ ok: true });
    expect(await searchAction({ q: "a\u0000b" })).toMatchObject({ ok: false, code: "invalid_input" });
  });
});

describe(`searching and filtering the lists (${engine})`, () => {
  it("filters the customers list by name or namespace, combined with the cluster and archived filters", async () => {
    const t = token();
    const [us, eu] = [await makeCluster({ name: `us-${t}` }), await makeCluster({ name: `eu-${t}` })];
    const byName = await makeCustomer(us.id, { name: `Globex ${t}`, namespace: `ns-a-${t}` });
    const byNamespace = await makeCustomer(us.id, { name: `Initech ${t}`, namespace: `globex-${t}-prod` });
    const elsewhere = await makeCustomer(eu.id, { name: `Globex EU ${t}`, namespace: `ns-b-${t}` });
    const archived = await makeCustomer(us.id, { name: `Globex old ${t}`, namespace: `ns-c-${t}` });
    await archiveCustomer({ id: archived.id }, admin);
    await makeCustomer(us.id, { name: `Umbrella ${t}` });

    const q = `GLOBEX`;
    const ids = async (options: Parameters<typeof listCustomers>[0]) => (await listCustomers(options)).map((c) => c.id).sort((a, b) => a - b);
    expect(await ids({ q, clusterId: us.id })).toEqual([byName.id, byNamespace.id]);
    expect(await ids({ q, clusterId: us.id, includeArchived: true })).toEqual([byName.id, byNamespace.id, archived.id]);
    expect(await ids({ q: `${t}-prod`, clusterId: us.id })).toEqual([byNamespace.id]);
    expect(await ids({ q: `globex eu ${t}` })).toEqual([elsewhere.id]);
    expect(await countArchivedCustomers({ clusterId: us.id, q })).toBe(1);
    expect(await countArchivedCustomers({ clusterId: us.id, q: "umbrella" })).toBe(0);
    expect(await ids({ q: `${t}%`, clusterId: us.id })).toEqual([]);
  });

  it("filters the releases list by name or version, combined with status and type", async () => {
    const t = token();
    const named = await makeRelease({ name: `Payments ${t}`, versionNumber: `v3.${n}.1`, status: "active" });
    const versioned = await makeRelease({ name: `Other ${t}`, versionNumber: `v3.${n}.10`, status: "draft" });
    const hotfix = await makeRelease({ name: `Hotfix payments ${t}`, type: "hotfix", versionNumber: null });
    const ids = async (filter: Parameters<typeof listReleases>[0]) => (await listReleases(filter)).map((r) => r.id).sort((a, b) => a - b);
    expect(await ids({ q: `payments ${t}` })).toEqual([named.id, hotfix.id]);
    expect(await ids({ q: `v3.${n}.1` })).toEqual([named.id, versioned.id]);
    expect(await ids({ q: `v3.${n}.1`, status: "draft" })).toEqual([versioned.id]);
    expect(await ids({ q: `payments ${t}`, type: "hotfix" })).toEqual([hotfix.id]);
    expect(await ids({ q: `v3_${n}` })).toEqual([]);
  });

  it("filters the releases list by cluster: releases that include at least one of its customers", async () => {
    const t = token();
    const [x, y] = [await makeCluster({ name: `x-${t}` }), await makeCluster({ name: `y-${t}` })];
    const [x1, x2] = [await makeCustomer(x.id), await makeCustomer(x.id)];
    const y1 = await makeCustomer(y.id);
    const includesX = await makeRelease({ name: `incl-x ${t}`, status: "active" });
    const excludesX = await makeRelease({ name: `excl-x ${t}`, status: "active" });
    const onlyY = await makeRelease({ name: `only-y ${t}`, status: "active" });
    const archivedX = await makeRelease({ name: `arch-x ${t}`, status: "archived" });
    await include(includesX.id, [x1.id, y1.id]);
    await include(includesX.id, [x2.id], "excluded");
    await include(excludesX.id, [x1.id, x2.id], "excluded");
    await include(excludesX.id, [y1.id]);
    await include(onlyY.id, [y1.id]);
    await include(archivedX.id, [x2.id]);

    const ids = async (filter: Parameters<typeof listReleases>[0]) => (await listReleases(filter)).map((r) => r.id).sort((a, b) => a - b);
    expect(await ids({ clusterId: x.id })).toEqual([includesX.id, archivedX.id]);
    expect(await ids({ clusterId: y.id })).toEqual([includesX.id, excludesX.id, onlyY.id]);
    expect(await ids({ clusterId: x.id, status: "active" })).toEqual([includesX.id]);
    expect(await ids({ clusterId: x.id, q: `arch-x ${t}` })).toEqual([archivedX.id]);
    // The list's counts stay those of the whole release, not of the cluster.
    const [row] = await listReleases({ clusterId: x.id, q: `incl-x ${t}` });
    expect(row).toMatchObject({ customers: 2, excluded: 1 });
  });

  it("reads ?q= and ?cluster= from the URL without ever refusing it", async () => {
    expect(parseCustomerListParams({ q: "  acme  " }).q).toBe("acme");
    expect(parseCustomerListParams({ q: "   " }).q).toBeUndefined();
    expect(parseReleaseListParams({ q: ["v2.5", "x"], cluster: "7", status: "active", type: "nope" })).toEqual({
      q: "v2.5",
      clusterId: 7,
      badCluster: false,
      status: "active",
      type: undefined,
    });
    expect(parseReleaseListParams({ cluster: "abc" })).toMatchObject({ clusterId: undefined, badCluster: true });
    expect(parseReleaseListParams({ cluster: "99999999999" })).toMatchObject({ clusterId: undefined, badCluster: true });
    expect(searchParam("x".repeat(150))).toHaveLength(100);
    // A NUL byte (Postgres refuses it in text) or a broken surrogate never reaches the database.
    const junk = searchParam("a\u0000b\uD800");
    expect(junk).toBe("a b\uFFFD");
    await expect(listCustomers({ q: junk })).resolves.toEqual([]);
    await expect(listReleases({ q: junk })).resolves.toEqual([]);
  });
});

