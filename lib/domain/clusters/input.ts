import { z } from "zod";
import { checkbox, id, longText, metadataField, optionalText, requiredText, withMetadata } from "@/lib/domain/shared/input";

const clusterFields = {
  name: requiredText(63, "Name").regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "Name may use letters, digits, '-', '_' and '.', and must start with a letter or digit.",
  ),
  /** Empty means "not set": stored as null. */
  kubeconfigPath: optionalText(500, "Kubeconfig path").transform((v) => (v === "" ? null : v)),
  description: longText(2000, "Description"),
  isActive: checkbox,
  metadata: metadataField,
};

export const createClusterInput = withMetadata(z.object(clusterFields));
export const updateClusterInput = withMetadata(z.object({ id, ...clusterFields }));
export const clusterIdInput = z.object({ id });

export type CreateClusterInput = z.output<typeof createClusterInput>;
export type UpdateClusterInput = z.output<typeof updateClusterInput>;
