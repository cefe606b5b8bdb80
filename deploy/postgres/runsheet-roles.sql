-- The least-privilege logins Runsheet's default setup uses (README, "Least-privilege database
-- role"). Run once as the database owner or a superuser; psql variable app_password sets the
-- server's password. The postgres image runs it on an empty volume (10-runsheet-roles.sh), and
-- `npm run ops:check` runs the same file.
--   runsheet_runtime  NOLOGIN: the migrations grant it rows in and out, nothing else
--   runsheet_app      LOGIN, a member of runsheet_runtime and of nothing more: the server's
--                     login, so even RESET ROLE leaves a compromised server without DDL,
--                     TRUNCATE or the power to rewrite history
SELECT set_config('runsheet.app_password', :'app_password', false);
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_runtime') THEN
    CREATE ROLE runsheet_runtime NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_app') THEN
    EXECUTE format('CREATE ROLE runsheet_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L IN ROLE runsheet_runtime',
                   current_setting('runsheet.app_password'));
  ELSE
    EXECUTE format('ALTER ROLE runsheet_app PASSWORD %L', current_setting('runsheet.app_password'));
  END IF;
END
$$;
SELECT set_config('runsheet.app_password', '', false);
