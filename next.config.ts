import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // PGlite ships WASM and data files that must be loaded from node_modules at run time;
  // bundled, the build succeeds and the first query fails.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Never copy a local embedded database (or test/bench artefacts) into the standalone bundle.
  outputFileTracingExcludes: {
    "*": ["./data/**", "./.e2e-data/**", "./reports/**", "./bench-results/**", "./tests/**"],
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
