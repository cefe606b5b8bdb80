-- Live updates (README, "Live updates"): every change to customer steps, releases, release stages
-- and sign-offs is announced on the channel runsheet_live by a statement-level trigger. NOTIFY is
-- delivered when the transaction commits and dropped when it rolls back, so nothing is announced
-- that did not happen, and every app process LISTENing on the database hears every change.
-- One notification per release and statement: a 120,000-step activation is one message with its
-- count; up to 40 changed steps travel with their new status and version, so an open matrix
-- redraws those cells without asking the server again.
CREATE OR REPLACE FUNCTION runsheet_announce_steps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT n.release_id, count(*) AS n, max(n.updated_by_id) AS actor_id,
           CASE WHEN count(*) <= 40 THEN json_agg(json_build_array(n.id, n.customer_id, n.status, n.version) ORDER BY n.id) END AS steps
    FROM new_rows n GROUP BY n.release_id
  LOOP
    PERFORM pg_notify('runsheet_live', json_build_object(
      'kind', 'steps', 'releaseId', r.release_id, 'count', r.n, 'steps', r.steps,
      'actorId', r.actor_id, 'actorName', (SELECT u.name FROM users u WHERE u.id = r.actor_id)
    )::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customer_steps_announce_insert AFTER INSERT ON customer_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_steps();
--> statement-breakpoint
CREATE TRIGGER customer_steps_announce_update AFTER UPDATE ON customer_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_steps();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_announce_release() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT n.release_id FROM new_rows n LOOP
    PERFORM pg_notify('runsheet_live', json_build_object('kind', 'release', 'releaseId', r.release_id)::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_announce_release_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT n.id FROM new_rows n LOOP
    PERFORM pg_notify('runsheet_live', json_build_object('kind', 'release', 'releaseId', r.id)::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER releases_announce_update AFTER UPDATE ON releases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_release_row();
--> statement-breakpoint
CREATE TRIGGER release_stages_announce_insert AFTER INSERT ON release_stages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_release();
--> statement-breakpoint
CREATE TRIGGER release_stages_announce_update AFTER UPDATE ON release_stages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_release();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_announce_sign_off() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT s.release_id FROM new_rows n JOIN release_stages s ON s.id = n.stage_id LOOP
    PERFORM pg_notify('runsheet_live', json_build_object('kind', 'release', 'releaseId', r.release_id)::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sign_offs_announce_insert AFTER INSERT ON sign_offs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_sign_off();
--> statement-breakpoint
CREATE TRIGGER sign_offs_announce_update AFTER UPDATE ON sign_offs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_sign_off();
