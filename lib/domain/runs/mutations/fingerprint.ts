import "server-only";
import { createHash } from "node:crypto";

/** The SHA-256 of the text an agent runs: stored at claim, shown as evidence, compared on a late report. */
export const contentSha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
