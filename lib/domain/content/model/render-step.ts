import type { StepType } from "@/lib/domain/vocabulary";
import type { MissingValue, RenderedStep } from "../types";
import { manifestObjects } from "./manifest";
import { hasVariables, render, TemplateSyntaxError, valuesFor, variablesIn, type RenderSource, type VariableValues } from "./variables";

/** Who a step is rendered for: the values, and the ids that say where a missing one is set. */
export type RenderTarget = RenderSource & { customerId: number; clusterId: number; releaseId: number };

/** Where a missing value would be set: the customer's, the cluster's or the release's page. */
export function whereToSet(name: string, target: RenderTarget): MissingValue {
  if (name.startsWith("cluster.")) return { name, where: `cluster ${target.cluster.name}'s metadata`, href: `/clusters/${target.clusterId}` };
  if (name.startsWith("release.")) return { name, where: "the release's variables", href: `/releases/${target.releaseId}/edit` };
  return { name, where: `${target.customer.name}'s metadata`, href: `/customers/${target.customerId}` };
}

/**
 * A step's name and content for one customer, without highlighting (the caller highlights the
 * rendered content on the server). A YAML step also lists the objects it would apply and flags
 * any that names another namespace than this customer's.
 */
export function renderStep(
  step: { name: string; content: string; type: StepType },
  target: RenderTarget,
  values: VariableValues = valuesFor(target),
): Omit<RenderedStep, "html"> {
  const uses = hasVariables(step.name) || hasVariables(step.content);
  let name = step.name;
  let content = step.content;
  let missing: string[] = [];
  let problem: string | null = null;
  if (uses) {
    try {
      // Logic (a section from before variables were checked) is a problem to show, not text to drop.
      variablesIn(step.name);
      variablesIn(step.content);
      const n = render(step.name, values);
      const c = render(step.content, values);
      name = n.text;
      content = c.text;
      missing = [...new Set([...n.missing, ...c.missing])];
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      problem = error.message;
    }
  }
  return {
    hasVariables: uses,
    name,
    content,
    missing: missing.map((m) => whereToSet(m, target)),
    manifest: step.type === "yaml" && content.trim() ? manifestObjects(content, target.customer.namespace) : null,
    problem,
  };
}
