/**
 * Masks the agent's secrets in output before it leaves the host. A secret can arrive split across
 * two chunks, so the last (longest secret − 1) characters are held back until the next chunk or
 * the end.
 */
export class Masker {
  private held = "";
  private readonly secrets: string[];
  private readonly keep: number;

  constructor(secrets: string[]) {
    this.secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
    this.keep = Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }

  private mask(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join("••••••");
    return out;
  }

  /** Masked text that is safe to send now. */
  push(chunk: string): string {
    const text = this.held + chunk;
    if (this.keep === 0) return this.mask(text);
    // Mask first, then hold back a tail that could still be the start of a secret.
    const masked = this.mask(text);
    const cut = Math.max(0, masked.length - this.keep);
    this.held = masked.slice(cut);
    return masked.slice(0, cut);
  }

  /** The rest, at the end of the step. */
  flush(): string {
    const rest = this.mask(this.held);
    this.held = "";
    return rest;
  }
}
