#!/bin/sh
# The container's entrypoint (also what scripts/standalone-check.mjs runs, from the same layout).
#   (no arguments) | serve   validate the environment, migrate, then exec the server (PID stays
#                            the server's, so SIGTERM from `docker stop` reaches it)
#   backup --out FILE | restore --in FILE | migrate | check-env   operations (server stopped)
#   agent --server URL --token rsa_…   an agent next to a cluster (README, "Agents")
#   anything else            run it (e.g. `sh` for a shell)
set -e
cd "$(dirname "$0")"
cmd=${1:-serve}
case "$cmd" in
  serve)
    # Least privilege: with MIGRATE_DATABASE_URL (the owner's login) the migrations run as the
    # owner, and the server then logs in with DATABASE_URL (runsheet_app) without ever seeing the
    # owner's URL. Without it, DATABASE_URL migrates and the server switches to the runtime role
    # when it may (DATABASE_ROLE overrides; "none" keeps the user). A server login that may not
    # apply pending migrations is refused with what to run.
    role_file=$(mktemp)
    if [ -n "${MIGRATE_DATABASE_URL:-}" ]; then
      DATABASE_URL="$MIGRATE_DATABASE_URL" node dist/ops.mjs start --role-file "$role_file"
      unset MIGRATE_DATABASE_URL
    else
      node dist/ops.mjs start --role-file "$role_file"
    fi
    if [ -z "${DATABASE_ROLE:-}" ]; then DATABASE_ROLE=$(cat "$role_file"); export DATABASE_ROLE; fi
    rm -f "$role_file"
    exec node dist/serve.mjs
    ;;
  backup|restore|migrate|check-env)
    exec node dist/ops.mjs "$@"
    ;;
  agent)
    shift
    exec node dist/agent.mjs "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
