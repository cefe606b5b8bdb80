#!/usr/bin/env node
// The image's HEALTHCHECK (slim images have no curl): healthy when /api/health answers 200,
// which means the server is up AND its database answers.
const port = process.env.PORT || "3000";
fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(4000) })
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch(() => process.exit(1));
