import { z } from "zod";
import { id, INT_MAX, longText, metadataField, requiredText, withMetadata } from "@/lib/domain/shared/input";
import { searchParam } from "@/lib/domain/shared/search-text";

export const NAMESPACE_MAX = 63;

/**
 * Why a namespace is not a Kubernetes DNS-1123 label, in words, or null when it is one:
 * lowercase letters, digits and '-', starting and ending with a letter or digit, ≤ 63 characters.
 */
export function namespaceProblem(namespace: string): string | null {
  if (namespace.length === 0) return "Namespace is required.";
  if (namespace.length > NAMESPACE_MAX) return `Namespace must be at most ${NAMESPACE_MAX} characters (Kubernetes limit).`;
  if (/[A-Z]/.test(namespace)) return "Namespace must be lowercase (Kubernetes names are lowercase).";
  if (/[^a-z0-9-]/.test(namespace)) return "Namespace may only contain lowercase letters, digits and '-'.";
  if (!/^[a-z0-9]/.test(namespace) || !/[a-z0-9]$/.test(namespace)) {
    return "Namespace must start and end with a letter or digit.";
  }
  return null;
}

export const namespaceSchema = z
  .string({ error: "Namespace is required." })
  .trim()
  .superRefine((value, ctx) => {
    const problem = namespaceProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const customerFields = {
  name: requiredText(100, "Name"),
  namespace: namespaceSchema,
  clusterId: z.coerce.number({ error: "Choose a cluster." }).int("Choose a cluster.").positive("Choose a cluster.").max(INT_MAX, "Choose a cluster."),
  description: longText(2000, "Description"),
  metadata: metadataField,
};

export const createCustomerInput = withMetadata(z.object(customerFields));
export const updateCustomerInput = withMetadata(z.object({ id, ...customerFields }));
export const customerIdInput = z.object({ id });

export type CreateCustomerInput = z.output<typeof createCustomerInput>;
export type UpdateCustomerInput = z.output<typeof updateCustomerInput>;

/** The customers list's URL state: `/customers?q=acme&cluster=<id>&sort=name&archived=1`. */
export type CustomerListSort = "cluster" | "name" | "progress";
export function parseCustomerListParams(params: Record<string, string | string[] | undefined>) {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const cluster = Number(one(params.cluster));
  return {
    clusterId: Number.isInteger(cluster) && cluster > 0 ? cluster : undefined,
    /** The raw value was present but not a usable id. */
    badCluster: Boolean(one(params.cluster)) && !(Number.isInteger(cluster) && cluster > 0),
    sort: (["name", "progress"].includes(one(params.sort) ?? "") ? one(params.sort) : "cluster") as CustomerListSort,
    includeArchived: one(params.archived) === "1",
    /** Search text: matches a customer's name or namespace. */
    q: searchParam(params.q),
  };
}
