"use server";

import { defineAction } from "@/lib/domain/define-action";
import { notFound } from "@/lib/domain/errors";
import { toReleaseYaml } from "@/lib/domain/releases/model/release-file";
import { exportRelease } from "@/lib/domain/releases/queries/export";
import { importRelease, readReleaseFile } from "@/lib/domain/releases/mutations/import";
import { exportReleaseInput, importReleaseInput } from "./input";

/** Release as code: the release as one YAML file (a read: anyone who may see the release). */
export const exportReleaseAction = defineAction({
  name: "release.export",
  role: "viewer",
  input: exportReleaseInput,
  run: async (input) => {
    const file = await exportRelease(input.id, { customers: input.customers });
    if (!file) throw notFound("The release");
    return { filename: `${file.release.name.replace(/[^A-Za-z0-9._-]+/g, "-")}${input.customers ? "-with-customers" : ""}.runsheet.yaml`, yaml: toReleaseYaml(file) };
  },
});

/** What an import would create, checked by the same rules, without writing anything. */
export const previewReleaseImportAction = defineAction({
  name: "release.import_preview",
  role: "release_manager",
  verb: "import releases",
  input: importReleaseInput,
  run: async (input) => readReleaseFile(input.text, input.name || undefined).preview,
});

export const importReleaseAction = defineAction({
  name: "release.import",
  role: "release_manager",
  verb: "import releases",
  input: importReleaseInput,
  run: (input, actor) => importRelease({ text: input.text, name: input.name || undefined }, actor),
  revalidate: () => ["/releases"],
});
