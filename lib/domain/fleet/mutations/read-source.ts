import "server-only";
import { getDb, type DbOrTx } from "@/db/client";
import type { FleetImportInput } from "@/lib/domain/fleet/input";
import { fleetFromSource, type FleetFromSource, type FleetSource } from "@/lib/domain/fleet/model/sources";
import { currentFleet } from "@/lib/domain/fleet/queries/current";
import { fleetRefusal } from "./apply";

/**
 * The import form's input as a whole fleet file over the fleet as it is now (model/sources.ts);
 * a file that cannot be read is refused by path, as every other problem. The apply computes its
 * plan again under its locks, so a fleet that changed since this read is not overwritten blindly.
 */
export async function readFleetSource(input: FleetImportInput, db: DbOrTx = getDb()): Promise<FleetFromSource> {
  const source: FleetSource =
    input.source === "namespaces"
      ? {
          kind: "namespaces",
          text: input.text,
          cluster: input.cluster,
          selector: input.selector,
          nameFrom: input.nameFrom === "namespace" ? { kind: "namespace" } : { kind: input.nameFrom, key: input.nameKey },
          keepLabels: input.keepLabels
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : input.source === "kubeconfig"
        ? { kind: "kubeconfig", text: input.text, kubeconfigPath: input.kubeconfigPath || null }
        : { kind: input.source, text: input.text };
  if (source.kind === "namespaces" && !source.cluster) throw fleetRefusal([{ path: "cluster", message: "Choose the cluster these namespaces are on." }]);
  const read = fleetFromSource(await currentFleet(db), source);
  if (!read.ok) throw fleetRefusal(read.problems);
  return read.value;
}
