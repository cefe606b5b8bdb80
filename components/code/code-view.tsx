import { Badge } from "@/components/ui/badge";
import { CopyButton, DownloadButton } from "./copy-button";

export const extensions = { bash: "sh", sql: "sql", yaml: "yaml", text: "txt" } as const;
const labels = { bash: "Bash", sql: "SQL", yaml: "YAML", text: "Text" } as const;

/**
 * Highlighted step content with line numbers, copy and (optionally) download. `html` comes from
 * lib/highlight.ts, rendered on the server (or returned by an action for client-side panels).
 */
export function CodeView({
  html,
  code,
  type,
  filename,
  download = true,
}: {
  html: string;
  code: string;
  type: keyof typeof extensions;
  filename?: string;
  download?: boolean;
}) {
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-900">
        <Badge>{labels[type]}</Badge>
        <div className="flex gap-2">
          <CopyButton text={code} />
          {download ? <DownloadButton text={code} filename={`${filename ?? "step"}.${extensions[type]}`} /> : null}
        </div>
      </div>
      {code.trim() === "" ? (
        <p className="px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400 italic">No content.</p>
      ) : (
        <div
          className="code-lines max-h-[28rem] overflow-auto bg-white py-3 font-mono text-[13px] leading-6 dark:bg-zinc-950 [&_pre]:!bg-transparent"
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </div>
  );
}
