/** "Spring release (v2.5.0)", or just the name when the name is the version. */
export function releaseTitle(r: { name: string; versionNumber: string | null }): string {
  return r.versionNumber && r.versionNumber !== r.name ? `${r.name} (${r.versionNumber})` : r.name;
}
