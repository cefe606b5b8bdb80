import { describe, expect, it } from "vitest";
import { describeUnknown, maskVariables, render, TemplateSyntaxError, unknownVariables, valuesFor, variablesIn } from "@/lib/domain/content/model/variables";
import { manifestObjects } from "@/lib/domain/content/model/manifest";
import { yamlProblems } from "@/lib/domain/shared/yaml";

const source = {
  customer: { name: "Acme", namespace: "acme-prod", metadata: { region: "eu-west-1", "db.host": "db1.acme", name: "shadowed" } },
  cluster: { name: "prod-eu", kubeconfigPath: "/etc/kube/prod-eu", metadata: { context: "eu-ctx" } },
  release: { name: "Spring", versionNumber: "2.4.0", metadata: { image_tag: "2.4.0-rc1" } },
};
const values = valuesFor(source);

describe("rendering step content for one customer", () => {
  it("fills every variable source", () => {
    const text =
      "kubectl --kubeconfig {{ cluster.kubeconfig }} --context {{cluster.context}} -n {{ namespace }} set image deploy/api api={{ release.image_tag }}\n" +
      "# {{ customer.name }} ({{ customer.region }}) on {{ cluster.name }}, {{ release.name }} {{ release.version }}";
    expect(render(text, values)).toEqual({
      text:
        "kubectl --kubeconfig /etc/kube/prod-eu --context eu-ctx -n acme-prod set image deploy/api api=2.4.0-rc1\n" +
        "# Acme (eu-west-1) on prod-eu, Spring 2.4.0",
      missing: [],
    });
  });

  it("never HTML-escapes: the output is shell, SQL or YAML", () => {
    const v = valuesFor({ ...source, customer: { ...source.customer, metadata: { filter: `a<b && c>"d" 'e'` } } });
    expect(render("grep '{{ customer.filter }}' <in >out", v).text).toBe(`grep 'a<b && c>"d" 'e'' <in >out`);
  });

  it("keeps a missing value visible as its tag and names it; an empty value is missing too", () => {
    const v = valuesFor({ ...source, customer: { ...source.customer, metadata: { region: "" } } });
    expect(render("-n {{ namespace }} --region {{ customer.region }} {{customer.zone}} {{ customer.zone }}", v)).toEqual({
      text: "-n acme-prod --region {{ customer.region }} {{customer.zone}} {{ customer.zone }}",
      missing: ["customer.region", "customer.zone"],
    });
  });

  it("takes a metadata key with dots whole, and a built-in wins over a metadata key of the same name", () => {
    expect(render("{{ customer.db.host }} {{ customer.name }}", values).text).toBe("db1.acme Acme");
  });

  it("leaves text without variables alone, and {{= =}} lets a Helm template keep its braces", () => {
    expect(render("echo $HOME", values).text).toBe("echo $HOME");
    expect(render("{{=<% %>=}}image: {{ .Values.image }} in <% namespace %>", values).text).toBe("image: {{ .Values.image }} in acme-prod");
  });
});

describe("checking a template's variables", () => {
  const known = ["namespace", "customer.name", "customer.region", "cluster.name", "release.version"];

  it("lists the names used, once each", () => {
    expect(variablesIn("{{ namespace }} {{ customer.region }} {{namespace}}")).toEqual(["namespace", "customer.region"]);
  });

  it("refuses unknown names with the nearest known ones", () => {
    const unknown = unknownVariables("{{ namepsace }} {{ customer.regoin }} {{ totally.new }}", known);
    expect(unknown).toEqual([
      { name: "namepsace", suggestions: ["namespace"] },
      { name: "customer.regoin", suggestions: ["customer.region"] },
      { name: "totally.new", suggestions: [] },
    ]);
    expect(describeUnknown(unknown)).toMatch(/^Unknown variable \{\{ namepsace \}\}\. Did you mean \{\{ namespace \}\}\? Also unknown: \{\{ customer\.regoin \}\}, \{\{ totally\.new \}\}\./);
    expect(unknownVariables("{{ namespace }}", known)).toEqual([]);
  });

  it("refuses logic and unclosed tags with where they are", () => {
    expect(() => variablesIn("a\n{{#items}}x{{/items}}")).toThrow(/line 2, column 1: only plain variables/);
    expect(() => variablesIn("echo {{ namespace")).toThrow(TemplateSyntaxError);
    expect(() => variablesIn("echo {{ namespace")).toThrow(/Unclosed tag \(line 1, column 6\)/);
  });
});

describe("YAML with variables", () => {
  it("is checked as the manifest it renders to, at the same line and column", () => {
    const template = "metadata:\n  namespace: {{ namespace }}\n  labels: {{ customer.name }}: x";
    expect(maskVariables(template)).toHaveLength(template.length);
    expect(yamlProblems("metadata:\n  namespace: {{ namespace }}\n  name: api")).toEqual([]);
    expect(yamlProblems(template)[0]).toMatchObject({ line: 3 });
  });

  it("lists a rendered manifest's objects and flags another customer's namespace", () => {
    const manifest = [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: acme-prod",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: globex-prod",
      "apiVersion: v1\nkind: Secret\nmetadata:\n  generateName: token-",
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: acme-prod\n  namespace: elsewhere",
    ].join("\n---\n");
    expect(manifestObjects(manifest, "acme-prod")).toEqual([
      { kind: "ConfigMap", name: "api-config", namespace: "acme-prod", wrongNamespace: false },
      { kind: "Deployment", name: "api", namespace: "globex-prod", wrongNamespace: true },
      { kind: "Secret", name: "token-…", namespace: null, wrongNamespace: false },
      { kind: "Namespace", name: "acme-prod", namespace: "elsewhere", wrongNamespace: false },
    ]);
    expect(manifestObjects("a: [", "x")).toBeNull();
    // An alias without its anchor parses but cannot be read: no objects, no crash; refused on save.
    expect(manifestObjects("kind: ConfigMap\nmetadata:\n  name: *prod", "x")).toBeNull();
    expect(yamlProblems("kind: ConfigMap\nmetadata:\n  name: *prod")[0]?.message).toMatch(/prod/);
  });
});
