ALTER TYPE "public"."step_event_kind" ADD VALUE 'run_failed';--> statement-breakpoint
ALTER TYPE "public"."step_event_kind" ADD VALUE 'run_unknown';--> statement-breakpoint
CREATE TABLE "agent_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"cluster_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" integer,
	CONSTRAINT "agent_tokens_name_not_blank" CHECK (length(trim("agent_tokens"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "agents" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_id" integer NOT NULL,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"customer_step_id" bigint NOT NULL,
	"release_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"cluster_id" integer NOT NULL,
	"position" integer NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"agent_id" integer,
	"claimed_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"exit_code" integer,
	"duration_ms" integer,
	"timeout_seconds" integer DEFAULT 600 NOT NULL,
	"step_type" text,
	"content" text,
	"content_sha256" text,
	"output" text DEFAULT '' NOT NULL,
	"output_bytes" bigint DEFAULT 0 NOT NULL,
	"output_cut" boolean DEFAULT false NOT NULL,
	"note" text,
	"cancel_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_items_state" CHECK ("run_items"."state" in ('queued', 'running', 'done', 'failed', 'unknown', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"kind" text NOT NULL,
	"template_id" integer,
	"customer_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"max_parallel" integer DEFAULT 1 NOT NULL,
	"max_parallel_per_cluster" integer DEFAULT 1 NOT NULL,
	"failure_budget" integer,
	"failure_budget_percent" integer,
	"stop_on_failure" boolean DEFAULT false NOT NULL,
	"paused_reason" text,
	"started_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "runs_kind" CHECK ("runs"."kind" in ('step', 'across', 'customer')),
	CONSTRAINT "runs_status" CHECK ("runs"."status" in ('active', 'paused', 'cancelled', 'finished')),
	CONSTRAINT "runs_window" CHECK ("runs"."max_parallel" >= 1 and "runs"."max_parallel_per_cluster" >= 1)
);
--> statement-breakpoint
DROP INDEX "customer_steps_matrix_idx";--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "agent_review_waived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "execution" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "run_state" text;--> statement-breakpoint
ALTER TABLE "step_templates" ADD COLUMN "execution" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "agent_review_waived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_tokens" ADD CONSTRAINT "agent_tokens_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tokens" ADD CONSTRAINT "agent_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_tokens" ADD CONSTRAINT "agent_tokens_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agents" ADD CONSTRAINT "agents_token_id_agent_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."agent_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_customer_step_id_customer_steps_id_fk" FOREIGN KEY ("customer_step_id") REFERENCES "public"."customer_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_template_id_step_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."step_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_started_by_id_users_id_fk" FOREIGN KEY ("started_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tokens_hash_unique" ON "agent_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "agent_tokens_cluster_idx" ON "agent_tokens" USING btree ("cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_token_name_unique" ON "agents" USING btree ("token_id","name");--> statement-breakpoint
CREATE INDEX "run_items_run_idx" ON "run_items" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "run_items_queue_idx" ON "run_items" USING btree ("cluster_id","run_id","position") WHERE "run_items"."state" = 'queued';--> statement-breakpoint
CREATE INDEX "run_items_lease_idx" ON "run_items" USING btree ("lease_until") WHERE "run_items"."state" = 'running';--> statement-breakpoint
CREATE INDEX "run_items_step_idx" ON "run_items" USING btree ("customer_step_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "run_items_one_live_per_step" ON "run_items" USING btree ("customer_step_id") WHERE "run_items"."state" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "runs_release_idx" ON "runs" USING btree ("release_id","id");--> statement-breakpoint
CREATE INDEX "customer_steps_matrix_idx" ON "customer_steps" USING btree ("release_id","category","customer_id","status","is_overridden","is_custom","template_id","order_index","type","version","id","name","run_state") WHERE "customer_steps"."removed_at" is null;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_execution" CHECK ("customer_steps"."execution" in ('manual', 'agent'));--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_text_is_manual" CHECK ("customer_steps"."type" <> 'text' or "customer_steps"."execution" = 'manual');--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_run_state" CHECK ("customer_steps"."run_state" is null or "customer_steps"."run_state" in ('queued', 'running', 'failed', 'unknown'));--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_run_state_open" CHECK ("customer_steps"."run_state" is null or "customer_steps"."status" in ('pending', 'reverted'));--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_execution" CHECK ("step_templates"."execution" in ('manual', 'agent'));--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_text_is_manual" CHECK ("step_templates"."type" <> 'text' or "step_templates"."execution" = 'manual');--> statement-breakpoint
-- Live updates carry what a step shows: its run state while an agent has it (queued, running,
-- failed, unknown), its status otherwise. (Replaces 0010's function; the triggers stay.)
CREATE OR REPLACE FUNCTION runsheet_announce_steps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT n.release_id, count(*) AS n, max(n.updated_by_id) AS actor_id,
           CASE WHEN count(*) <= 40 THEN json_agg(json_build_array(n.id, n.customer_id, coalesce(n.run_state, n.status::text), n.version) ORDER BY n.id) END AS steps
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
-- Runs: every change to a run's items (claimed, output arrived, finished) is announced on
-- runsheet_live for open pages — one message per run and statement, with up to 40 items' state
-- and output length, so a panel fetches only the output it has not shown yet — and queued work
-- wakes the agents' long polls on runsheet_runs (one message per cluster).
CREATE OR REPLACE FUNCTION runsheet_announce_run_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT n.release_id, n.run_id, count(*) AS n,
           CASE WHEN count(*) <= 40 THEN json_agg(json_build_array(n.id, n.customer_step_id, n.state, n.output_bytes) ORDER BY n.id) END AS items
    FROM new_rows n GROUP BY n.release_id, n.run_id
  LOOP
    PERFORM pg_notify('runsheet_live', json_build_object('kind', 'run', 'releaseId', r.release_id, 'runId', r.run_id, 'count', r.n, 'items', r.items)::text);
  END LOOP;
  -- Queued work, or a finished item that frees a slot in its run's window: wake the agents of
  -- every cluster with queued items in the runs concerned.
  FOR r IN SELECT DISTINCT i.cluster_id FROM run_items i
           WHERE i.state = 'queued' AND i.run_id IN (SELECT n.run_id FROM new_rows n WHERE n.state <> 'running') LOOP
    PERFORM pg_notify('runsheet_runs', r.cluster_id::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER run_items_announce_insert AFTER INSERT ON run_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_run_items();
--> statement-breakpoint
CREATE TRIGGER run_items_announce_update AFTER UPDATE ON run_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_run_items();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION runsheet_announce_runs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT n.release_id, n.id FROM new_rows n LOOP
    PERFORM pg_notify('runsheet_live', json_build_object('kind', 'run', 'releaseId', r.release_id, 'runId', r.id, 'count', 0, 'items', null)::text);
  END LOOP;
  -- A run resumed (or started) may have queued work for any of its clusters.
  FOR r IN SELECT DISTINCT i.cluster_id FROM new_rows n JOIN run_items i ON i.run_id = n.id AND i.state = 'queued' WHERE n.status = 'active' LOOP
    PERFORM pg_notify('runsheet_runs', r.cluster_id::text);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER runs_announce_update AFTER UPDATE ON runs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION runsheet_announce_runs();
