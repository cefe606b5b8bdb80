import Papa from "papaparse";
import { metadataKeyProblem } from "@/lib/domain/shared/input";
import type { FleetProblem, Parsed } from "./fleet-file";

/** The columns a customers CSV must have; every other column is metadata. */
export const CSV_COLUMNS = ["name", "cluster", "namespace"] as const;

export type CsvCustomer = { name: string; cluster: string; namespace: string; metadata: Record<string, string> };

/**
 * A spreadsheet of customers (issue 27): a header row with name, cluster and namespace (any case,
 * any order) and any further columns as metadata (an empty cell is no value). Commas, semicolons
 * (a European spreadsheet's export) or tabs, quoted fields with commas and line breaks, a
 * byte-order mark — read by Papa Parse, the CSV parser most of the JavaScript world uses, rather
 * than by hand. Rows are numbered as the preview shows them: `customers.0` is the first data row
 * (line 2 of the file). The fields' own rules (namespace, names) are the fleet file's, checked next.
 */
export function customersFromCsv(text: string): Parsed<{ customers: CsvCustomer[]; delimiter: string }> {
  const source = text.replace(/^\uFEFF/, "");
  const result = Papa.parse<Record<string, string>>(source, {
    header: true,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", ";", "\t"],
    transformHeader: (h) => h.trim(),
  });
  const problems: FleetProblem[] = [];
  const fields = result.meta.fields ?? [];
  const column = new Map(fields.map((f) => [f.toLowerCase(), f]));
  for (const needed of CSV_COLUMNS) {
    if (!column.has(needed)) problems.push({ path: "(header)", message: `The header row needs a column named ${needed} (it has: ${fields.join(", ") || "nothing"}).` });
  }
  const extra = fields.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f.toLowerCase()));
  for (const f of extra) {
    const problem = f ? metadataKeyProblem(f) : "A column has no name in the header row.";
    if (problem) problems.push({ path: "(header)", message: `Column "${f}": ${problem}` });
  }
  // Papa Parse renames a repeated header ("tier", "tier_1"): a repeated column is a mistake to fix.
  for (const original of Object.values(result.meta.renamedHeaders ?? {})) problems.push({ path: "(header)", message: `The column ${original} appears twice.` });
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.toLowerCase())) problems.push({ path: "(header)", message: `The column ${f} appears twice.` });
    seen.add(f.toLowerCase());
  }
  for (const e of result.errors.slice(0, 50)) {
    // A row with too few or too many fields is reported; Papa Parse still returns what it read.
    problems.push({ path: e.row === undefined ? "(file)" : `customers.${e.row}`, message: `${e.message} (line ${(e.row ?? 0) + 2}).` });
  }
  if (problems.length) return { ok: false, problems };
  const customers = result.data.map((row) => {
    const metadata: Record<string, string> = {};
    for (const f of extra) {
      const value = (row[f] ?? "").trim();
      if (value) metadata[f] = value;
    }
    return { name: (row[column.get("name")!] ?? "").trim(), cluster: (row[column.get("cluster")!] ?? "").trim(), namespace: (row[column.get("namespace")!] ?? "").trim(), metadata };
  });
  return { ok: true, value: { customers, delimiter: result.meta.delimiter } };
}
