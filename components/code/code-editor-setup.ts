import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { sql, PostgreSQL } from "@codemirror/lang-sql";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { shell } from "@codemirror/legacy-modes/mode/shell";
import { linter, lintGutter, lintKeymap, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  placeholder as placeholderText,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { yamlProblems } from "@/lib/domain/shared/yaml";
import type { StepType } from "@/lib/domain/vocabulary";

/**
 * CodeMirror for step content, loaded by components/code/code-editor.tsx only in the browser
 * (a dynamic import, so pages without an editor ship none of it and the server never runs it).
 * Colours are CSS variables (app/globals.css), so light and dark need no second theme.
 */

export type EditorConfig = {
  language: StepType;
  placeholder?: string;
  /** Set on the editable element: id, aria-labelledby, aria-describedby, aria-invalid. */
  attributes: Record<string, string>;
};

export type EditorHandle = {
  configure: (config: EditorConfig) => void;
  /** Focus, with the given selection (offsets into the text), e.g. the textarea's it replaces. */
  focus: (from?: number, to?: number) => void;
  /** After the editor's container was shown. */
  measure: () => void;
  destroy: () => void;
};

const theme = EditorView.theme({
  "&": { color: "var(--cm-fg)", backgroundColor: "var(--cm-bg)", fontSize: "13px" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": {
    fontFamily: "var(--font-mono)",
    lineHeight: "1.5rem",
    minHeight: "var(--cm-min-height, 12rem)",
    maxHeight: "32rem",
    overflow: "auto",
  },
  ".cm-content": { caretColor: "var(--cm-cursor)", padding: "0.5rem 0" },
  // The wrapper draws the focus ring (like the other controls); not a second one inside it.
  ".cm-content:focus-visible": { outline: "none" },
  ".cm-line": { padding: "0 0.75rem 0 0.5rem" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-cursor)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "var(--cm-selection)",
  },
  ".cm-activeLine": { backgroundColor: "var(--cm-active-line)" },
  ".cm-gutters": { backgroundColor: "var(--cm-bg)", color: "var(--cm-gutter-fg)", borderRight: "1px solid var(--cm-gutter-border)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active-gutter)" },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 0.5rem 0 0.75rem", minWidth: "2.5rem" },
  ".cm-placeholder": { color: "var(--cm-placeholder)" },
  ".cm-tooltip": { fontFamily: "var(--font-sans)", fontSize: "12px" },
});

/** The token colours of the shiki themes the code views use (github-light / github-dark). */
const highlightStyle = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.definitionKeyword, t.moduleKeyword, t.modifier], color: "var(--cm-keyword)" },
  { tag: [t.string, t.special(t.string), t.character, t.regexp, t.docString, t.attributeValue], color: "var(--cm-string)" },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: "var(--cm-comment)" },
  { tag: [t.number, t.bool, t.null, t.atom, t.constant(t.name), t.unit], color: "var(--cm-constant)" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.standard(t.variableName), t.labelName], color: "var(--cm-function)" },
  { tag: [t.special(t.variableName), t.definition(t.variableName), t.self], color: "var(--cm-variable)" },
  { tag: [t.propertyName, t.definition(t.propertyName), t.attributeName, t.tagName], color: "var(--cm-property)" },
  { tag: [t.typeName, t.className, t.namespace, t.meta, t.processingInstruction, t.annotation], color: "var(--cm-constant)" },
  { tag: [t.operator, t.punctuation, t.separator, t.bracket], color: "var(--cm-punctuation)" },
  { tag: t.invalid, color: "var(--cm-invalid)" },
]);

const bash = StreamLanguage.define(shell);

/**
 * The same problems the server refuses a save for (lib/domain/shared/yaml.ts), underlined from
 * where each starts to the end of its line. Trailing blank space goes first, as on the server
 * (shared/input.ts's `content`), so a problem at the end of the text has the same line/column.
 */
const yamlLint = linter(
  (view) => {
    const doc = view.state.doc;
    return yamlProblems(doc.toString().replace(/\s+$/, "")).map((p): Diagnostic => {
      const line = doc.line(Math.min(p.line, doc.lines));
      const from = Math.min(line.from + p.column - 1, line.to);
      return { from, to: line.to, severity: "error", source: "YAML", message: `Line ${p.line}, column ${p.column}: ${p.message}` };
    });
  },
  { delay: 300 },
);

function modeExtensions({ language, placeholder }: EditorConfig): Extension[] {
  const extensions: Extension[] = [];
  if (language === "bash") extensions.push(bash);
  else if (language === "sql") extensions.push(sql({ dialect: PostgreSQL }));
  else if (language === "yaml") extensions.push(yaml(), yamlLint, lintGutter());
  if (placeholder) extensions.push(placeholderText(placeholder));
  return extensions;
}

/** Dark when <html data-theme="dark"> (set from the user's choice or the system's; app/layout.tsx). */
function prefersDark(): boolean {
  return document.documentElement.dataset.theme === "dark";
}

function watchScheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

/**
 * Mounts the editor in `parent` and keeps `field` (the textarea the form submits) in step with
 * it, both ways: typing updates the field; a value put into the field (a script's fill, autofill,
 * the form's reset) updates the editor.
 */
export function mountEditor(parent: HTMLElement, field: HTMLTextAreaElement, config: EditorConfig): EditorHandle {
  const mode = new Compartment();
  const attributes = new Compartment();
  const scheme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: field.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorState.tabSize.of(2),
        // Spaces, never tabs: YAML refuses tabs as indentation.
        indentUnit.of("  "),
        // Tab indents; Escape then Tab moves on (CodeMirror's tab focus mode), so keyboard
        // users are never trapped.
        keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap, ...lintKeymap]),
        syntaxHighlighting(highlightStyle),
        theme,
        scheme.of(EditorView.darkTheme.of(prefersDark())),
        mode.of(modeExtensions(config)),
        attributes.of(EditorView.contentAttributes.of(config.attributes)),
        // Already reachable by Tab (contenteditable); said explicitly so checkers see that the
        // scrolling region holds something focusable.
        EditorView.contentAttributes.of({ tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) field.value = update.state.doc.toString();
        }),
      ],
    }),
  });

  const replaceDoc = () => {
    const text = field.value;
    if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  };
  const onReset = () => setTimeout(replaceDoc); // "reset" fires before the form's fields are reset
  // In a dialog the first Escape is kept from closing it (components/ui/dialog.tsx), and so never
  // reaches CodeMirror's own handler: arm "Tab leaves the editor" here, as CodeMirror would.
  const onEscape = (event: KeyboardEvent) => {
    // A little longer than CodeMirror's own 2 s: a busy machine (or a thoughtful user) still gets out.
    if (event.key === "Escape") view.setTabFocusMode(4000);
  };
  const onLabelClick = () => view.focus();
  const labelFor = () => {
    const id = view.contentDOM.id;
    return id ? document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(id)}"]`) : null;
  };
  let label: HTMLLabelElement | null = null;
  const bindLabel = () => {
    label?.removeEventListener("click", onLabelClick);
    label = labelFor();
    label?.addEventListener("click", onLabelClick);
  };
  const stopScheme = watchScheme(() => view.dispatch({ effects: scheme.reconfigure(EditorView.darkTheme.of(prefersDark())) }));
  const form = field.form;
  field.addEventListener("input", replaceDoc);
  form?.addEventListener("reset", onReset);
  view.dom.addEventListener("keydown", onEscape, true);
  bindLabel();

  return {
    configure(next) {
      view.dispatch({
        effects: [mode.reconfigure(modeExtensions(next)), attributes.reconfigure(EditorView.contentAttributes.of(next.attributes))],
      });
      bindLabel();
    },
    focus(from, to) {
      if (from !== undefined) {
        const end = view.state.doc.length;
        view.dispatch({ selection: { anchor: Math.min(from, end), head: Math.min(to ?? from, end) } });
      }
      view.focus();
    },
    measure: () => view.requestMeasure(),
    destroy() {
      stopScheme();
      field.removeEventListener("input", replaceDoc);
      form?.removeEventListener("reset", onReset);
      view.dom.removeEventListener("keydown", onEscape, true);
      label?.removeEventListener("click", onLabelClick);
      view.destroy();
    },
  };
}
