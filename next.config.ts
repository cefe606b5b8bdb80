import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // The server compresses responses itself (lib/runtime/compress.ts): Next would also compress a
  // server action's few-hundred-byte answer, which costs more than it saves.
  compress: false,
  // Type checking is its own step (`npm run typecheck`, run by `npm test` and CI), not part of every
  // build: the first `npm start` on a fresh clone builds in about half the time.
  typescript: { ignoreBuildErrors: true },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time;
  // bundled, the build succeeds and the first query fails.
  serverExternalPackages: ["@electric-sql/pglite"],
  // Never copy a local embedded database (or test/bench artefacts) into the standalone bundle.
  outputFileTracingExcludes: {
    "*": ["./data/**", "./.e2e-data/**", "./reports/**", "./bench-results/**", "./tests/**"],
  },
  experimental: {
    // The proxy refuses bigger action bodies first, in words (lib/http/action-body.ts).
    serverActions: { bodySizeLimit: "1mb" },
  },
  // The proxy sets the security headers on pages and actions; static files never pass through
  // it, so they get theirs here.
  async headers() {
    const https = [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }];
    return [
      { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
      ...(process.env.HSTS === "off"
        ? []
        : [{ source: "/:path*", has: https, headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] }]),
    ];
  },
};

export default nextConfig;
