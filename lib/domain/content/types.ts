import type { ManifestObject } from "./model/manifest";

export type { ManifestObject };

/** A value one customer lacks, and where someone can set it. */
export type MissingValue = {
  name: string;
  /** "Acme's metadata", "cluster prod-eu's metadata", "the release's variables". */
  where: string;
  href: string;
};

/** A step's name and content as they will run for one customer (lib/domain/content/model/variables.ts). */
export type RenderedStep = {
  /** Whether the name or content uses variables; when not, the rest says what the raw text says. */
  hasVariables: boolean;
  name: string;
  content: string;
  /** Highlighted rendered content; "" when there are no variables (the step's own `html` is it). */
  html: string;
  missing: MissingValue[];
  /** YAML steps: the objects the rendered manifest applies; null for other types or YAML that does not parse. */
  manifest: ManifestObject[] | null;
  /** A template that cannot be parsed (written before variables were checked): said, not thrown. */
  problem: string | null;
};
