import { releaseStatusLabels } from "@/lib/domain/releases/model/rules";
import type { SearchResults } from "@/lib/domain/search/types";

/** One choice in the palette: where it goes and what it shows (name, a mono detail, a note). */
export type PaletteOption = { id: string; index: number; href: string; name: string; mono?: string; note?: string };
export type PaletteGroup = { key: keyof Omit<SearchResults, "q">; heading: string; more: boolean; options: PaletteOption[] };

const headings: Record<PaletteGroup["key"], string> = {
  customers: "Customers",
  clusters: "Clusters",
  releases: "Releases",
  templateSteps: "Template steps",
};

/**
 * The answer as groups of options, empty groups left out. Each option knows its place in the flat
 * order (`index`), which ↑/↓ walk through across the groups.
 */
export function toGroups(results: SearchResults): PaletteGroup[] {
  const all: Array<Omit<PaletteGroup, "options"> & { options: Array<Omit<PaletteOption, "index">> }> = [
    {
      key: "customers",
      heading: headings.customers,
      more: results.customers.more,
      options: results.customers.items.map((c) => ({ id: `palette-customer-${c.id}`, href: c.href, name: c.name, mono: c.namespace, note: c.clusterName })),
    },
    {
      key: "clusters",
      heading: headings.clusters,
      more: results.clusters.more,
      options: results.clusters.items.map((c) => ({ id: `palette-cluster-${c.id}`, href: c.href, name: c.name, note: c.isActive ? undefined : "Inactive" })),
    },
    {
      key: "releases",
      heading: headings.releases,
      more: results.releases.more,
      options: results.releases.items.map((r) => ({
        id: `palette-release-${r.id}`,
        href: r.href,
        name: r.name,
        mono: r.versionNumber && r.versionNumber !== r.name ? r.versionNumber : undefined,
        note: releaseStatusLabels[r.status],
      })),
    },
    {
      key: "templateSteps",
      heading: headings.templateSteps,
      more: results.templateSteps.more,
      options: results.templateSteps.items.map((s) => ({
        id: `palette-step-${s.id}`,
        href: s.href,
        name: s.name,
        note: `${s.category === "deploy" ? "Deploy" : "Verify"} step · ${s.releaseName}`,
      })),
    },
  ];
  let index = 0;
  return all
    .filter((g) => g.options.length > 0)
    .map((g) => ({ ...g, options: g.options.map((o) => ({ ...o, index: index++ })) }));
}
