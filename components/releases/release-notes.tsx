import { Fragment } from "react";
import { parseNotes, type Inline } from "./notes-format";

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "code" ? (
          <code key={i} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800">
            {p.text}
          </code>
        ) : p.kind === "strong" ? (
          <strong key={i} className="font-semibold text-zinc-900 dark:text-zinc-100">
            {p.text}
          </strong>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

/** Release notes, formatted from simple Markdown-ish text; never raw HTML. */
export function ReleaseNotes({ text }: { text: string }) {
  const blocks = parseNotes(text);
  if (blocks.length === 0) return <p className="text-sm text-zinc-500 italic dark:text-zinc-400">No release notes yet.</p>;
  return (
    <div className="space-y-2 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
      {blocks.map((b, i) =>
        b.kind === "heading" ? (
          <h3 key={i} className="pt-1 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            <Inlines parts={b.inline} />
          </h3>
        ) : b.kind === "paragraph" ? (
          <p key={i}>
            <Inlines parts={b.inline} />
          </p>
        ) : b.ordered ? (
          <ol key={i} className="list-decimal space-y-0.5 pl-5">
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines parts={item} />
              </li>
            ))}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-0.5 pl-5">
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines parts={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
