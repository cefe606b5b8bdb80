import { z } from "zod";
import { checkbox, optionalText } from "@/lib/domain/shared/input";

/** 5,000 customers with metadata fit in well under 10 MB. */
export const FLEET_TEXT_MAX = 10_000_000;

export const fleetSourceKinds = ["fleet", "csv", "kubeconfig", "namespaces"] as const;

/** An import (preview or apply) from the import page: the source, its text and its options. */
export const fleetImportInput = z.object({
  source: z.enum(fleetSourceKinds, { error: "Choose what the file is." }),
  text: z.string({ error: "Choose or paste a file." }).min(1, "Choose or paste a file.").max(FLEET_TEXT_MAX, "The file is too large (10 MB at most)."),
  archiveMissing: checkbox.default(false),
  /** kubeconfig: the path the clusters use on the agents' and people's hosts. */
  kubeconfigPath: optionalText(500, "Kubeconfig path"),
  /** namespaces: the cluster, which namespaces, and how customers are named. */
  cluster: optionalText(63, "Cluster"),
  selector: optionalText(500, "Label selector"),
  nameFrom: z.enum(["namespace", "label", "annotation"]).default("namespace"),
  nameKey: optionalText(253, "Label or annotation"),
  keepLabels: optionalText(1000, "Labels to keep"),
  /** The preview's digest (the page sends it with Apply): refused if the plan is not that one any more. */
  previewed: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type FleetImportInput = z.output<typeof fleetImportInput>;

export const exportFleetInput = z.object({});
