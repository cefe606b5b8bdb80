import { describe, expect, it } from "vitest";
import { createCustomerInput, namespaceProblem, parseCustomerListParams } from "@/lib/domain/customers/input";

describe("namespace validation (DNS-1123 label)", () => {
  it.each(["a", "cust-a-prod", "demo-staging", "0abc9", "a".repeat(63), "x-1-y"])("accepts %s", (ns) => {
    expect(namespaceProblem(ns)).toBeNull();
  });

  it.each([
    ["", /required/],
    ["Cust-A", /lowercase/],
    ["cust_a", /only contain lowercase letters, digits and '-'/],
    ["cust.a", /only contain/],
    ["cust a", /only contain/],
    ["-cust", /start and end/],
    ["cust-", /start and end/],
    ["a".repeat(64), /at most 63/],
  ])("refuses %j", (ns, message) => {
    expect(namespaceProblem(ns)).toMatch(message);
  });

  it("reports the problem on the namespace field and trims what was typed", () => {
    const bad = createCustomerInput.safeParse({ name: "Acme", namespace: "Acme_Prod", clusterId: "1" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["namespace", "Namespace must be lowercase (Kubernetes names are lowercase)."],
    ]);
    const good = createCustomerInput.parse({ name: " Acme ", namespace: " acme-prod ", clusterId: "7", metaKey: "tier", metaValue: "gold" });
    expect(good).toEqual({ name: "Acme", namespace: "acme-prod", clusterId: 7, description: "", metadata: { tier: "gold" } });
  });

  it("asks for a cluster when none is chosen", () => {
    const result = createCustomerInput.safeParse({ name: "Acme", namespace: "acme", clusterId: "" });
    expect(result.error?.issues.find((i) => i.path[0] === "clusterId")?.message).toBe("Choose a cluster.");
  });
});

describe("customer list URL state", () => {
  it("reads the cluster filter, sort and archived toggle, ignoring junk", () => {
    expect(parseCustomerListParams({ cluster: "3", sort: "name", archived: "1" })).toEqual({
      clusterId: 3,
      badCluster: false,
      sort: "name",
      includeArchived: true,
    });
    expect(parseCustomerListParams({})).toEqual({ clusterId: undefined, badCluster: false, sort: "cluster", includeArchived: false });
    expect(parseCustomerListParams({ cluster: "abc", sort: "weird" })).toMatchObject({ clusterId: undefined, badCluster: true, sort: "cluster" });
  });
});
