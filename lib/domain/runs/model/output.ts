/**
 * A run's output as it is kept: stdout and stderr as they arrived, at most OUTPUT_CAP characters.
 * The head (what the script said first: the commands, the first error) and the tail (how it
 * ended) are what a person reads; past the cap the middle is cut and the cut is said, in the text
 * itself, so every copy of the output (page, ledger, API) says it.
 */
export const OUTPUT_HEAD = 64 * 1024;
export const OUTPUT_TAIL = 192 * 1024;
export const OUTPUT_CAP = OUTPUT_HEAD + OUTPUT_TAIL;
const MARK = (n: number) => `\n… ${n.toLocaleString("en")} characters cut here (the output keeps its first ${OUTPUT_HEAD / 1024} KiB and its last ${OUTPUT_TAIL / 1024} KiB) …\n`;

export type KeptOutput = { output: string; received: number; cut: boolean };

/**
 * Appends a chunk to what is kept. `received` counts every character that ever arrived, so the
 * note says how much was cut, and a reader that asks "from N" on an uncut output gets exactly the
 * new characters.
 */
export function appendOutput(kept: KeptOutput, chunk: string): KeptOutput {
  const received = kept.received + chunk.length;
  if (!kept.cut && kept.output.length + chunk.length <= OUTPUT_CAP) return { output: kept.output + chunk, received, cut: false };
  // Once cut, the head is exactly the first OUTPUT_HEAD characters and the mark starts there.
  const head = kept.cut ? kept.output.slice(0, OUTPUT_HEAD) : (kept.output + chunk).slice(0, OUTPUT_HEAD);
  const rest = kept.cut ? kept.output.slice(OUTPUT_HEAD).replace(MARK_AT_START, "") + chunk : (kept.output + chunk).slice(OUTPUT_HEAD);
  const tail = rest.slice(-OUTPUT_TAIL);
  return { output: head + MARK(received - head.length - tail.length) + tail, received, cut: true };
}

const MARK_AT_START = /^\n… [\d,]+ characters cut here \([^)]*\) …\n/;
