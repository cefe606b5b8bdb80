import Anser from "anser";

/**
 * Terminal output with its ANSI colours, parsed by anser (the parser Next.js's own error overlay
 * uses) into text spans — never HTML: whatever a script prints is shown as text. Colours become
 * inline styles on a dark background in both themes, where terminal colours read as intended.
 */
export function AnsiText({ text }: { text: string }) {
  // No hooks: it is drawn on the server too (the ledger) as well as in the browser (live output).
  const parts = Anser.ansiToJson(text, { json: true, remove_empty: true, use_classes: false });
  return (
    <>
      {parts.map((p, i) => {
        const style: React.CSSProperties = {};
        if (p.fg) style.color = `rgb(${p.fg})`;
        if (p.bg) style.backgroundColor = `rgb(${p.bg})`;
        if (p.decorations.includes("bold")) style.fontWeight = 600;
        if (p.decorations.includes("dim")) style.opacity = 0.7;
        if (p.decorations.includes("italic")) style.fontStyle = "italic";
        if (p.decorations.includes("underline")) style.textDecoration = "underline";
        return Object.keys(style).length ? (
          <span key={i} style={style}>
            {p.content}
          </span>
        ) : (
          <span key={i}>{p.content}</span>
        );
      })}
    </>
  );
}
