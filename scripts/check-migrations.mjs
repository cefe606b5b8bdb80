#!/usr/bin/env node
// Fails when the Drizzle schema has changes that no committed migration carries.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const before = readdirSync("drizzle").sort();
const result = spawnSync("npx", ["drizzle-kit", "generate", "--name", "ci_check"], { encoding: "utf8" });
const after = readdirSync("drizzle").sort();
const added = after.filter((f) => !before.includes(f));
if (result.status !== 0) {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
if (added.length) {
  console.error(`The schema has changes with no migration: drizzle-kit generated ${added.join(", ")}.`);
  spawnSync("git", ["checkout", "--", "drizzle"]);
  spawnSync("git", ["clean", "-fdq", "drizzle"]);
  process.exit(1);
}
console.log("Schema and committed migrations agree.");
