import { describe, expect, it } from "vitest";
import { createTemplateInput } from "@/lib/domain/templates/input";
import { addCustomInput, editCustomInput } from "@/lib/domain/steps/input";
import { describeYamlProblems, yamlContentProblem, yamlProblems } from "@/lib/domain/shared/yaml";
import { yamlTooDeep } from "@/lib/domain/shared/yaml-depth";

describe("yamlProblems", () => {
  it("accepts valid YAML, several documents, comments, tags it does not know, and nothing at all", () => {
    const manifests = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: api-config",
      "data:",
      '  FEATURE_REPORTING: "true"',
      "---",
      "# the second document",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "spec:",
      "  replicas: 2",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: api",
      "          image: registry.example.com/api:2.5.0",
      "...",
      "---",
      "- just a list",
      "- Value: !Ref MyParameter",
    ].join("\n");
    expect(yamlProblems(manifests)).toEqual([]);
    expect(yamlProblems("")).toEqual([]);
    expect(yamlProblems("# only a comment\n")).toEqual([]);
    expect(yamlProblems("plain words are a scalar")).toEqual([]);
  });

  it("refuses a tab as indentation, at the tab", () => {
    expect(yamlProblems("metadata:\n\tname: api\n")).toEqual([{ line: 2, column: 1, message: "Tabs are not allowed as indentation" }]);
  });

  it("refuses an unclosed quote, where the text ends", () => {
    expect(yamlProblems('data:\n  LOG_LEVEL: "info\n  OTHER: x')).toEqual([{ line: 3, column: 11, message: 'Missing closing "quote' }]);
  });

  it("refuses a duplicate key, at the second one", () => {
    expect(yamlProblems("kind: ConfigMap\nmetadata:\n  name: a\nkind: Secret\n")).toEqual([
      { line: 4, column: 1, message: "Map keys must be unique" },
    ]);
  });

  it("gives exact 1-based lines and columns, first position first, across documents", () => {
    const text = ["a: 1", "---", "key:", "  - item", "  - b: c: d", "---", "x: y: z"].join("\n");
    expect(yamlProblems(text)).toEqual([
      { line: 5, column: 8, message: "Nested mappings are not allowed in compact mappings" },
      { line: 7, column: 4, message: "Nested mappings are not allowed in compact mappings" },
    ]);
  });

  it("describes the first problem with line and column, and how many more there are", () => {
    expect(describeYamlProblems([])).toBeNull();
    expect(yamlContentProblem("a: b: c")).toBe("Line 1, column 4: Nested mappings are not allowed in compact mappings");
    expect(yamlContentProblem("a: b: c\nd: e: f")).toBe(
      "Line 1, column 4: Nested mappings are not allowed in compact mappings (and 1 more problem)",
    );
    expect(yamlContentProblem("a: b: c\nd: e: f\ng: h: i")).toMatch(/\(and 2 more problems\)$/);
  });
});

describe("input schemas check YAML content (type and content together)", () => {
  const template = { releaseId: 1, name: "Update ConfigMap", category: "deploy", description: "" };

  it("a yaml template with a syntax error is a field error on content", () => {
    const result = createTemplateInput.safeParse({ ...template, type: "yaml", content: "metadata:\n  name: a\n  labels: app: api" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["content"], message: "Line 3, column 11: Nested mappings are not allowed in compact mappings" }),
    ]);
  });

  it("other types are not parsed", () => {
    for (const type of ["bash", "sql", "text"]) {
      expect(createTemplateInput.safeParse({ ...template, type, content: "a: b: c\n\tx" }).success).toBe(true);
    }
  });

  it("reports the YAML problem beside other field errors", () => {
    const result = addCustomInput.safeParse({ releaseId: 1, customerId: 2, name: "", category: "deploy", type: "yaml", content: "a: b: c" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "content"]);
    const edit = editCustomInput.safeParse({ stepId: 1, version: 1, name: "n", type: "yaml", content: "a:\n\tb: 1", description: "" });
    expect(edit.error?.issues).toEqual([expect.objectContaining({ path: ["content"], message: "Line 2, column 1: Tabs are not allowed as indentation" })]);
  });
});

describe("nesting depth (issue 25: a 10,000-deep file ran the parser out of stack)", () => {
  const deepFlow = "a: " + "[".repeat(10_000) + "]".repeat(10_000);
  const deepBlock = Array.from({ length: 10_000 }, (_, i) => " ".repeat(i) + "a:").join("\n");
  const deepSeq = Array.from({ length: 200 }, (_, i) => " ".repeat(i * 2) + "- ").join("\n") + "x";
  const deepMarkers = "- ".repeat(100) + "x";
  it("refuses past 64 levels, in words, with where", () => {
    for (const text of [deepFlow, deepBlock, deepSeq, deepMarkers]) {
      expect(yamlTooDeep(text)).toMatchObject({ message: "The YAML nests deeper than 64 levels here: Runsheet reads at most 64 levels of nesting." });
      expect(yamlContentProblem(text)).toMatch(/^Line \d+, column \d+: The YAML nests deeper than 64 levels/);
      expect(yamlContentProblem(text)).not.toMatch(/call stack/);
    }
    expect(yamlTooDeep(deepFlow)).toMatchObject({ line: 1, column: 67 });
  });
  it("reads real manifests and scripts in block scalars as they are", () => {
    const manifest = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: app",
      "          args: [\"--x\", {a: [1, 2]}]",
      "          command:",
      "            - sh",
      "            - -c",
      "            - |",
      ...Array.from({ length: 80 }, (_, i) => "              " + " ".repeat(i) + "echo deep"),
      "      # a comment with [ brackets {",
      "      volumes: []",
    ].join("\n");
    expect(yamlTooDeep(manifest)).toBeNull();
    expect(yamlTooDeep("a: '[[[[[[[['\nb: \"{{{{\"")).toBeNull();
    expect(yamlTooDeep(Array.from({ length: 64 }, (_, i) => " ".repeat(i) + "a:").join("\n"))).toBeNull();
  });
});
