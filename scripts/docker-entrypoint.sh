#!/bin/sh
# The container's entrypoint (also what scripts/standalone-check.mjs runs, from the same layout).
#   (no arguments) | serve   validate the environment, migrate, then exec the server (PID stays
#                            the server's, so SIGTERM from `docker stop` reaches it)
#   backup --out FILE | restore --in FILE | migrate | check-env   operations (server stopped)
#   anything else            run it (e.g. `sh` for a shell)
set -e
cd "$(dirname "$0")"
cmd=${1:-serve}
case "$cmd" in
  serve)
    node dist/ops.mjs start
    exec node dist/serve.mjs
    ;;
  backup|restore|migrate|check-env)
    exec node dist/ops.mjs "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
