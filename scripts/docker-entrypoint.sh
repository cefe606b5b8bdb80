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
    # Migrations run as DATABASE_URL's user (the owner); the server then runs as the
    # least-privilege runtime role when it exists (DATABASE_ROLE overrides; "none" keeps the user).
    role_file=$(mktemp)
    node dist/ops.mjs start --role-file "$role_file"
    if [ -z "${DATABASE_ROLE:-}" ]; then DATABASE_ROLE=$(cat "$role_file"); export DATABASE_ROLE; fi
    rm -f "$role_file"
    exec node dist/serve.mjs
    ;;
  backup|restore|migrate|check-env)
    exec node dist/ops.mjs "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
