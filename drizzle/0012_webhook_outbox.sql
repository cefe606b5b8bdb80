-- Webhook outbox (README, "Webhooks"): statement-level triggers write one delivery row per
-- subscribed, active endpoint and event, in the same transaction as the change, so an event is
-- sent if and only if its change committed. NOTIFY runsheet_outbox wakes the delivery workers.
-- With no active endpoint the triggers return at once.
CREATE OR REPLACE FUNCTION runsheet_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_outbox_steps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written bigint := 0;
  n bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE is_active) THEN RETURN NULL; END IF;

  -- step.done / step.skipped / step.reverted: the status changed.
  INSERT INTO webhook_deliveries (endpoint_id, event, payload)
  SELECT e.id, ch.event, jsonb_build_object(
      'event', ch.event, 'at', runsheet_iso(now()),
      'release', jsonb_build_object('id', r.id, 'name', r.name, 'version', r.version_number),
      'customer', jsonb_build_object('id', c.id, 'name', c.name, 'namespace', c.namespace, 'cluster', k.name),
      'step', jsonb_build_object('id', nw.id, 'name', nw.name, 'category', nw.category, 'status', nw.status, 'version', nw.version,
                                 'notes', nw.notes, 'skipReason', nw.skip_reason),
      'by', u.name)
  FROM new_rows nw JOIN old_rows o ON o.id = nw.id
  CROSS JOIN LATERAL (SELECT CASE nw.status WHEN 'done' THEN 'step.done' WHEN 'skipped' THEN 'step.skipped' WHEN 'reverted' THEN 'step.reverted' END AS event) ch
  JOIN releases r ON r.id = nw.release_id
  JOIN customers c ON c.id = nw.customer_id
  JOIN clusters k ON k.id = c.cluster_id
  LEFT JOIN users u ON u.id = nw.updated_by_id
  JOIN webhook_endpoints e ON e.is_active AND ch.event = ANY (e.events)
  WHERE nw.status IS DISTINCT FROM o.status AND ch.event IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  written := written + n;

  -- customer.completed: this change finished a step, and now every step of that customer in the
  -- release is done or skipped.
  WITH finished AS (
    SELECT DISTINCT nw.release_id, nw.customer_id, max(nw.updated_by_id) OVER (PARTITION BY nw.release_id, nw.customer_id) AS by_id
    FROM new_rows nw JOIN old_rows o ON o.id = nw.id
    WHERE nw.status IN ('done', 'skipped') AND o.status NOT IN ('done', 'skipped') AND nw.removed_at IS NULL
  ), complete AS (
    SELECT f.* FROM finished f
    WHERE NOT EXISTS (SELECT 1 FROM customer_steps s WHERE s.release_id = f.release_id AND s.customer_id = f.customer_id
                      AND s.removed_at IS NULL AND s.status NOT IN ('done', 'skipped'))
  ), customer_rows AS (
    INSERT INTO webhook_deliveries (endpoint_id, event, payload)
    SELECT e.id, 'customer.completed', jsonb_build_object(
        'event', 'customer.completed', 'at', runsheet_iso(now()),
        'release', jsonb_build_object('id', r.id, 'name', r.name, 'version', r.version_number),
        'customer', jsonb_build_object('id', c.id, 'name', c.name, 'namespace', c.namespace, 'cluster', k.name),
        'by', u.name)
    FROM complete x
    JOIN releases r ON r.id = x.release_id JOIN customers c ON c.id = x.customer_id JOIN clusters k ON k.id = c.cluster_id
    LEFT JOIN users u ON u.id = x.by_id
    JOIN webhook_endpoints e ON e.is_active AND 'customer.completed' = ANY (e.events)
    RETURNING 1
  ), release_rows AS (
    -- release.completed: and with it, every step of the release.
    INSERT INTO webhook_deliveries (endpoint_id, event, payload)
    SELECT e.id, 'release.completed', jsonb_build_object(
        'event', 'release.completed', 'at', runsheet_iso(now()),
        'release', jsonb_build_object('id', r.id, 'name', r.name, 'version', r.version_number))
    FROM (SELECT DISTINCT release_id FROM complete) x
    JOIN releases r ON r.id = x.release_id
    JOIN webhook_endpoints e ON e.is_active AND 'release.completed' = ANY (e.events)
    WHERE NOT EXISTS (SELECT 1 FROM customer_steps s WHERE s.release_id = x.release_id AND s.removed_at IS NULL AND s.status NOT IN ('done', 'skipped'))
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM customer_rows) + (SELECT count(*) FROM release_rows) INTO n;
  written := written + n;

  IF written > 0 THEN PERFORM pg_notify('runsheet_outbox', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER customer_steps_outbox AFTER UPDATE ON customer_steps
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_outbox_steps();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_outbox_releases() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE is_active) THEN RETURN NULL; END IF;
  INSERT INTO webhook_deliveries (endpoint_id, event, payload)
  SELECT e.id, ch.event, jsonb_build_object(
      'event', ch.event, 'at', runsheet_iso(now()),
      'release', jsonb_build_object('id', nw.id, 'name', nw.name, 'version', nw.version_number, 'type', nw.type))
  FROM new_rows nw JOIN old_rows o ON o.id = nw.id
  CROSS JOIN LATERAL (SELECT CASE WHEN nw.status = 'active' AND o.status <> 'active' THEN 'release.activated'
                                  WHEN nw.status = 'archived' AND o.status <> 'archived' THEN 'release.archived' END AS event) ch
  JOIN webhook_endpoints e ON e.is_active AND ch.event = ANY (e.events)
  WHERE ch.event IS NOT NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN PERFORM pg_notify('runsheet_outbox', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER releases_outbox AFTER UPDATE ON releases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_outbox_releases();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_outbox_stages() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE is_active) THEN RETURN NULL; END IF;
  INSERT INTO webhook_deliveries (endpoint_id, event, payload)
  SELECT e.id, 'stage.promoted', jsonb_build_object(
      'event', 'stage.promoted', 'at', runsheet_iso(now()),
      'release', jsonb_build_object('id', r.id, 'name', r.name, 'version', r.version_number),
      'stage', jsonb_build_object('id', nw.id, 'name', nw.name, 'position', nw.position, 'breakGlassReason', nw.break_glass_reason),
      'by', u.name)
  FROM new_rows nw JOIN old_rows o ON o.id = nw.id
  JOIN releases r ON r.id = nw.release_id
  LEFT JOIN users u ON u.id = nw.opened_by_id
  JOIN webhook_endpoints e ON e.is_active AND 'stage.promoted' = ANY (e.events)
  WHERE nw.opened_at IS NOT NULL AND o.opened_at IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN PERFORM pg_notify('runsheet_outbox', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER release_stages_outbox AFTER UPDATE ON release_stages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_outbox_stages();
