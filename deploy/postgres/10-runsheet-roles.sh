#!/bin/sh
# Mounted into the postgres image's /docker-entrypoint-initdb.d (compose.yaml): runs once, when the
# data volume is empty, and creates the logins of runsheet-roles.sql.
set -eu
: "${RUNSHEET_APP_PASSWORD:?set RUNSHEET_APP_PASSWORD (the server's database password)}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$RUNSHEET_APP_PASSWORD" -f /docker-entrypoint-initdb.d/runsheet-roles.sql.in
