#!/usr/bin/env node
/**
 * Bundles the container's start-up and operations code, which the runtime image runs without
 * tsx or devDependencies:
 *   dist/ops.mjs    validate env, migrate, seed, backup, restore (lib/ops/cli.ts)
 *   dist/serve.mjs  the standalone server.js with graceful shutdown and request logs (lib/runtime/serve.ts)
 *   dist/agent.mjs  the agent (lib/agent/cli.ts): `runsheet agent …` in the image
 * PGlite stays external: it loads its WASM and data files from its own package directory, which
 * Next's output tracing copies into .next/standalone/node_modules. Everything else is bundled.
 *   node scripts/bundle-ops.mjs [outdir]   (default: dist)
 */
import path from "node:path";
import { build } from "esbuild";

const outdir = path.resolve(process.argv[2] ?? "dist");
const root = path.resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: root,
  entryPoints: { ops: "lib/ops/cli.ts", serve: "lib/runtime/serve.ts", agent: "lib/agent/cli.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@electric-sql/pglite"],
  tsconfig: "tsconfig.json",
  // Bundled CommonJS dependencies may call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  plugins: [
    {
      // "server-only" throws outside React's server build; these scripts are server-only by nature.
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
        b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {}" }));
      },
    },
  ],
});
console.log(`Bundled ops.mjs, serve.mjs and agent.mjs into ${path.relative(process.cwd(), outdir) || "."}`);
