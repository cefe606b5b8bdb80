/** RFC 4180: quotes around every field, inner quotes doubled; a leading =+-@ defused for spreadsheets. */
export function csvField(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A header line and rows, CRLF-separated, ending with a line break. */
export function csvTable(head: string[], rows: Array<Array<string | number | boolean | null>>): string {
  return [head.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\r\n") + "\r\n";
}
