import type { ChildProcess } from "node:child_process";

/** Types for standalone.mjs, for the TypeScript that starts the shipped server (the bench). */
export const standaloneDir: string;
export function prepareStandalone(): void;
export function serveStandalone(env: NodeJS.ProcessEnv): ChildProcess;
