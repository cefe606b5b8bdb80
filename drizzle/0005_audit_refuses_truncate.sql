-- History and audit rows survive TRUNCATE as well as UPDATE and DELETE (a row trigger never fires
-- for TRUNCATE, so a statement trigger refuses it).
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER step_events_no_truncate
  BEFORE TRUNCATE ON step_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
--> statement-breakpoint
-- The role the server runs as on Postgres (README, "Least-privilege database role"): reads and
-- writes rows, nothing else — no DDL, no TRUNCATE, no disabling triggers, no changing or removing
-- history. The migrating role owns the tables; the server connects as a member of this role (or
-- switches to it at connection start). Skipped, with a notice, where the migrating role may not
-- create roles: then create it as the README shows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runsheet_runtime') THEN
    BEGIN
      CREATE ROLE runsheet_runtime NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'runsheet_runtime was not created (no CREATEROLE); see README, Least-privilege database role';
      RETURN;
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO runsheet_runtime', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO runsheet_runtime', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO runsheet_runtime', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO runsheet_runtime', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO runsheet_runtime', current_schema());
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, step_events FROM runsheet_runtime;
  -- A server started as the runtime login checks that no migration is pending (it applies none).
  GRANT USAGE ON SCHEMA drizzle TO runsheet_runtime;
  GRANT SELECT ON drizzle.__drizzle_migrations TO runsheet_runtime;
END $$;
