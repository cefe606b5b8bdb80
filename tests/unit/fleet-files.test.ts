import { describe, expect, it } from "vitest";
import { FLEET_FILE_KIND, parseFleetFile, toFleetYaml, type FleetFile } from "@/lib/domain/fleet/model/fleet-file";
import { clusterNameFor, clustersFromKubeconfig } from "@/lib/domain/fleet/model/kubeconfig";
import { parseLabelSelector } from "@/lib/domain/fleet/model/label-selector";
import { customersFromNamespaces } from "@/lib/domain/fleet/model/namespaces";
import { customersFromCsv } from "@/lib/domain/fleet/model/csv";

/** Reading the files a team already has into a fleet (issue 27): every problem by path, never a throw. */
describe("the fleet file (runsheet/fleet@1)", () => {
  const file = `kind: ${FLEET_FILE_KIND}
clusters:
  - name: prod-eu
    kubeconfigPath: /etc/kube/prod-eu
    metadata: { region: eu-west-1 }
customers:
  - name: customer-a
    cluster: prod-eu
    namespace: cust-a-prod
    metadata: { tier: gold }
  - name: customer-old
    cluster: prod-eu
    namespace: cust-old
    archived: true
`;

  it("reads clusters and customers with the forms' rules, and writes back the same file", () => {
    const parsed = parseFleetFile(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.customers[0]).toEqual({ name: "customer-a", cluster: "prod-eu", namespace: "cust-a-prod", description: "", metadata: { tier: "gold" }, archived: false });
    const written = toFleetYaml(parsed.value);
    const again = parseFleetFile(written);
    expect(again.ok && toFleetYaml(again.value)).toBe(written);
  });

  it("reads JSON too, and a byte-order mark does not matter", () => {
    const json = JSON.stringify({ kind: FLEET_FILE_KIND, clusters: [{ name: "c1" }], customers: [{ name: "x", cluster: "c1", namespace: "x-ns" }] });
    expect(parseFleetFile(`\uFEFF${json}`)).toMatchObject({ ok: true, value: { customers: [{ name: "x", namespace: "x-ns" }] } });
  });

  it("says what is wrong, by path", () => {
    const bad = parseFleetFile(`kind: ${FLEET_FILE_KIND}\ncustomers:\n  - { name: a, cluster: c, namespace: ok-ns }\n  - { name: b, cluster: c, namespace: Bad_NS }\n  - { name: "", cluster: c, namespace: n, colour: red }\n`);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        { path: "customers.1.namespace", message: "Namespace must be lowercase (Kubernetes names are lowercase)." },
        { path: "customers.2.name", message: "Customer name is required." },
        expect.objectContaining({ path: "customers.2", message: expect.stringMatching(/colour/) }),
      ]),
    );
    expect(parseFleetFile("kind: runsheet/release@1\n")).toMatchObject({ ok: false, problems: [{ path: "kind" }] });
    expect(parseFleetFile("clusters: [")).toMatchObject({ ok: false, problems: [{ path: "(file)", message: expect.stringMatching(/^This is not YAML or JSON/) }] });
    expect(parseFleetFile("- a\n- b\n")).toMatchObject({ ok: false, problems: [{ path: "(file)" }] });
    expect(parseFleetFile(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toMatchObject({ ok: false });
  });

  it("export order is stable: clusters by name, customers by cluster then name", () => {
    const f: FleetFile = {
      kind: FLEET_FILE_KIND,
      clusters: [{ name: "b", kubeconfigPath: null, description: "", metadata: {} }, { name: "a", kubeconfigPath: null, description: "", metadata: {} }],
      customers: [
        { name: "z", cluster: "a", namespace: "z", description: "", metadata: {}, archived: false },
        { name: "y", cluster: "b", namespace: "y", description: "", metadata: {}, archived: false },
        { name: "x", cluster: "a", namespace: "x", description: "", metadata: {}, archived: false },
      ],
    };
    const text = toFleetYaml(f);
    expect([...text.matchAll(/- name: (\w)/g)].map((m) => m[1])).toEqual(["a", "b", "x", "z", "y"]);
  });
});

describe("a kubeconfig's contexts as clusters", () => {
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
  - name: eks-prod
    cluster: { server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificate-authority-data: LS0tLS1CRUdJTg== }
  - name: staging
    cluster: { server: "https://10.0.0.1:6443" }
users:
  - name: admin
    user: { token: super-secret-token, client-key-data: S0VZ }
contexts:
  - name: arn:aws:eks:eu-west-1:123456789012:cluster/prod-eu
    context: { cluster: eks-prod, user: admin }
  - name: staging
    context: { cluster: staging, user: admin, namespace: default }
current-context: staging
`;

  it("one cluster per context, with its server URL and context name as metadata, never a credential", () => {
    const r = clustersFromKubeconfig(kubeconfig, { kubeconfigPath: "~/.kube/config" });
    expect(r).toEqual({
      ok: true,
      value: {
        clusters: [
          { name: "prod-eu", kubeconfigPath: "~/.kube/config", description: "", metadata: { context: "arn:aws:eks:eu-west-1:123456789012:cluster/prod-eu", server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com" } },
          { name: "staging", kubeconfigPath: "~/.kube/config", description: "", metadata: { context: "staging", server: "https://10.0.0.1:6443" } },
        ],
        renamed: [{ context: "arn:aws:eks:eu-west-1:123456789012:cluster/prod-eu", name: "prod-eu" }],
      },
    });
    expect(JSON.stringify(r)).not.toMatch(/super-secret-token|S0VZ|LS0t/);
  });

  it("context names become valid cluster names; a file with no contexts says so", () => {
    expect(clusterNameFor("gke_my-project_europe-west1-b_prod")).toBe("gke_my-project_europe-west1-b_prod");
    expect(clusterNameFor("team@prod:eu")).toBe("team-prod-eu");
    expect(clustersFromKubeconfig("apiVersion: v1\nkind: Config\n")).toMatchObject({ ok: false, problems: [{ path: "contexts" }] });
    expect(clustersFromKubeconfig("contexts:\n  - name: a:b\n  - name: a/b\n")).toMatchObject({ ok: false, problems: [{ path: "contexts.1.name" }] });
  });
});

describe("kubectl get namespaces -o json as customers", () => {
  const list = JSON.stringify({
    apiVersion: "v1",
    kind: "List",
    items: [
      { metadata: { name: "default" } },
      { metadata: { name: "kube-system" } },
      { metadata: { name: "cust-a", labels: { tenant: "true", tier: "gold", "app.kubernetes.io/part-of": "shop" }, annotations: { "runsheet.io/customer": "Customer A" } } },
      { metadata: { name: "cust-b", labels: { tenant: "true", tier: "free" }, annotations: { "runsheet.io/customer": "Customer B" } } },
      { metadata: { name: "monitoring", labels: { team: "ops" } } },
    ],
  });

  it("filters by a label selector, names from an annotation, keeps chosen labels as metadata", () => {
    const r = customersFromNamespaces(list, { cluster: "prod-eu", selector: "tenant=true,tier!=free", nameFrom: { kind: "annotation", key: "runsheet.io/customer" }, keepLabels: ["tier", "app.kubernetes.io/part-of"] });
    expect(r).toMatchObject({
      ok: true,
      value: {
        customers: [{ name: "Customer A", cluster: "prod-eu", namespace: "cust-a", metadata: { tier: "gold", "app.kubernetes.io_part-of": "shop" } }],
        skipped: expect.arrayContaining([{ namespace: "cust-b", reason: "does not match tenant=true,tier!=free" }]),
      },
    });
  });

  it("without a selector, every namespace but Kubernetes' own, named after itself", () => {
    const r = customersFromNamespaces(list, { cluster: "c" });
    expect(r.ok && r.value.customers.map((c) => c.name)).toEqual(["cust-a", "cust-b", "monitoring"]);
    expect(r.ok && r.value.skipped.map((s) => s.namespace)).toEqual(["default", "kube-system"]);
  });

  it("a namespace without the label that names it is a problem by path; not JSON says so", () => {
    expect(customersFromNamespaces(list, { cluster: "c", selector: "team", nameFrom: { kind: "label", key: "customer" } })).toMatchObject({ ok: false, problems: [{ path: "items.4.metadata.labels" }] });
    expect(customersFromNamespaces("NAME STATUS AGE", { cluster: "c" })).toMatchObject({ ok: false, problems: [{ path: "(file)" }] });
  });
});

describe("label selectors", () => {
  const m = (selector: string, labels: Record<string, string>) => {
    const s = parseLabelSelector(selector);
    if (!s.ok) throw new Error(s.message);
    return s.matches(labels);
  };
  it("equality, inequality, sets, existence", () => {
    expect(m("tenant=true", { tenant: "true" })).toBe(true);
    expect(m("tenant==true", { tenant: "false" })).toBe(false);
    expect(m("tier!=free", {})).toBe(true);
    expect(m("tier in (gold, silver)", { tier: "silver" })).toBe(true);
    expect(m("tier notin (gold,silver)", { tier: "gold" })).toBe(false);
    expect(m("tenant,!legacy", { tenant: "" })).toBe(true);
    expect(m("tenant,!legacy", { tenant: "", legacy: "1" })).toBe(false);
    expect(parseLabelSelector("tier >> gold")).toMatchObject({ ok: false, message: expect.stringMatching(/not a label selector term/) });
  });
});

describe("a customers CSV", () => {
  it("reads a header row in any order and case, further columns as metadata, quoted fields with commas and line breaks", () => {
    const csv = 'Namespace,Name,Cluster,tier,region\ncust-a,"Acme, Inc.",prod-eu,gold,eu-west-1\ncust-b,"Beta\nLabs",prod-eu,,us\n';
    expect(customersFromCsv(csv)).toEqual({
      ok: true,
      value: {
        delimiter: ",",
        customers: [
          { name: "Acme, Inc.", cluster: "prod-eu", namespace: "cust-a", metadata: { tier: "gold", region: "eu-west-1" } },
          { name: "Beta\nLabs", cluster: "prod-eu", namespace: "cust-b", metadata: { region: "us" } },
        ],
      },
    });
  });

  it("a spreadsheet's export: a byte-order mark, semicolons, CRLF, blank lines", () => {
    const csv = "\uFEFFname;cluster;namespace;tier\r\ncustomer-a;prod-eu;cust-a;gold\r\n\r\ncustomer-b;prod-us;cust-b;silver\r\n";
    const r = customersFromCsv(csv);
    expect(r).toMatchObject({ ok: true, value: { delimiter: ";", customers: [{ name: "customer-a", metadata: { tier: "gold" } }, { name: "customer-b", cluster: "prod-us" }] } });
  });

  it("a missing column, a bad metadata column or a short row is a problem by row", () => {
    expect(customersFromCsv("name,namespace\na,b\n")).toMatchObject({ ok: false, problems: [{ path: "(header)", message: expect.stringMatching(/column named cluster/) }] });
    expect(customersFromCsv("name,cluster,namespace,owner email\na,c,n,x@y\n")).toMatchObject({ ok: false, problems: [{ path: "(header)", message: expect.stringMatching(/^Column "owner email"/) }] });
    expect(customersFromCsv("name,cluster,namespace\na,c,n\nb,c\n")).toMatchObject({ ok: false, problems: [{ path: "customers.1" }] });
  });
});

describe("edges found in review", () => {
  it("metadata values must be text in a file: YAML's numbers and nulls would change silently", () => {
    const r = parseFleetFile(`kind: ${FLEET_FILE_KIND}\nclusters:\n  - name: c\n    metadata: { version: 1.20, region: }\n`);
    expect(r).toMatchObject({ ok: false, problems: [{ path: "clusters.0.metadata", message: 'Metadata value for "version" must be text: quote it (version: "1.2").' }, { path: "clusters.0.metadata" }] });
  });

  it("a repeated CSV column is refused", () => {
    expect(customersFromCsv("name,cluster,namespace,tier,tier\na,c,n,1,2\n")).toMatchObject({ ok: false, problems: [{ path: "(header)", message: "The column tier appears twice." }] });
  });

  it("label names that are also object properties are labels; Kubernetes' own namespaces never become customers", () => {
    const s = parseLabelSelector("constructor");
    expect(s.ok && s.matches({ tier: "gold" })).toBe(false);
    const list = JSON.stringify({ items: [{ metadata: { name: "kube-system" } }, { metadata: { name: "shop", labels: { toString: "x" } } }] });
    expect(customersFromNamespaces(list, { cluster: "c", selector: "!legacy" })).toMatchObject({ ok: true, value: { customers: [{ name: "shop" }] } });
    expect(customersFromNamespaces(JSON.stringify({ items: [{ metadata: { name: "shop" } }] }), { cluster: "c", nameFrom: { kind: "label", key: "toString" } })).toMatchObject({ ok: false });
  });
});
