"use server";

import { defineAction } from "@/lib/domain/define-action";
import { toFleetYaml } from "@/lib/domain/fleet/model/fleet-file";
import { applyFleetImport, previewFleetImport } from "@/lib/domain/fleet/mutations/apply";
import { readFleetSource } from "@/lib/domain/fleet/mutations/read-source";
import { exportFleet } from "@/lib/domain/fleet/queries/current";
import type { FleetImportAnswer } from "@/lib/domain/fleet/types";
import { exportFleetInput, fleetImportInput } from "./input";

/** Export fleet: the fleet file (a read: anyone who may see clusters and customers). */
export const exportFleetAction = defineAction({
  name: "fleet.export",
  role: "viewer",
  input: exportFleetInput,
  run: async () => ({ filename: "fleet.runsheet.yaml", yaml: toFleetYaml(await exportFleet()) }),
});

/** What an import would change, field by field, and every problem by path; writes nothing. */
export const previewFleetImportAction = defineAction({
  name: "fleet.import_preview",
  role: "release_manager",
  verb: "import clusters and customers",
  input: fleetImportInput,
  run: async (input): Promise<FleetImportAnswer> => {
    const read = await readFleetSource(input);
    const result = await previewFleetImport(read.file, { archiveMissing: input.archiveMissing && read.missingScope !== null });
    return { ...result, notes: read.notes, missingScope: read.missingScope };
  },
});

/** Applies it in one transaction; a problem anywhere refuses the whole file. Audited as one entry. */
export const applyFleetImportAction = defineAction({
  name: "fleet.import",
  role: "release_manager",
  verb: "import clusters and customers",
  input: fleetImportInput,
  run: async (input, actor): Promise<FleetImportAnswer> => {
    const read = await readFleetSource(input);
    const result = await applyFleetImport(read.file, { archiveMissing: input.archiveMissing && read.missingScope !== null, previewed: input.previewed }, actor);
    return { ...result, notes: read.notes, missingScope: read.missingScope };
  },
  revalidate: () => ["/clusters", "/customers", "/releases", "/"],
});
