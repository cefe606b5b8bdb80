CREATE TYPE "public"."release_membership" AS ENUM('included', 'excluded');--> statement-breakpoint
CREATE TYPE "public"."release_scope" AS ENUM('all', 'selected');--> statement-breakpoint
CREATE TYPE "public"."release_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."release_type" AS ENUM('onboarding', 'release', 'hotfix');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'release_manager', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."step_category" AS ENUM('deploy', 'verify');--> statement-breakpoint
CREATE TYPE "public"."step_event_kind" AS ENUM('content_overridden', 'reset_to_template', 'edited_via_template', 'marked_done', 'skipped', 'unskipped', 'reverted', 'custom_edited', 'custom_removed', 'template_removed', 'notes_updated');--> statement-breakpoint
CREATE TYPE "public"."step_origin" AS ENUM('activation', 'customer_joined', 'scope_added', 'template_added', 'custom');--> statement-breakpoint
CREATE TYPE "public"."step_status" AS ENUM('pending', 'done', 'skipped', 'reverted');--> statement-breakpoint
CREATE TYPE "public"."step_type" AS ENUM('bash', 'sql', 'text', 'yaml');--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "role" DEFAULT 'viewer' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kubeconfig_path" text,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" serial PRIMARY KEY NOT NULL,
	"cluster_id" integer NOT NULL,
	"name" text NOT NULL,
	"namespace" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "release_customers" (
	"release_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"membership" "release_membership" NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "release_customers_release_id_customer_id_pk" PRIMARY KEY("release_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" "release_type" NOT NULL,
	"status" "release_status" DEFAULT 'draft' NOT NULL,
	"version_number" text,
	"release_date" date,
	"description" text DEFAULT '' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scope" "release_scope" DEFAULT 'all' NOT NULL,
	"cloned_from_id" integer,
	"created_by_id" integer,
	"activated_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"template_id" integer,
	"name" text NOT NULL,
	"category" "step_category" NOT NULL,
	"type" "step_type" NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"order_index" double precision NOT NULL,
	"status" "step_status" DEFAULT 'pending' NOT NULL,
	"executed_at" timestamp with time zone,
	"executed_by_id" integer,
	"skip_reason" text,
	"notes" text DEFAULT '' NOT NULL,
	"is_custom" boolean DEFAULT false NOT NULL,
	"is_overridden" boolean DEFAULT false NOT NULL,
	"origin" "step_origin" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "customer_steps_custom_has_no_template" CHECK ("customer_steps"."is_custom" = ("customer_steps"."template_id" is null)),
	CONSTRAINT "customer_steps_custom_not_overridden" CHECK (not ("customer_steps"."is_custom" and "customer_steps"."is_overridden")),
	CONSTRAINT "customer_steps_skip_needs_reason" CHECK ("customer_steps"."status" <> 'skipped' or length(btrim(coalesce("customer_steps"."skip_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "step_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"name" text NOT NULL,
	"category" "step_category" NOT NULL,
	"type" "step_type" NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"order_index" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "step_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_step_id" bigint NOT NULL,
	"release_id" integer NOT NULL,
	"customer_id" integer NOT NULL,
	"kind" "step_event_kind" NOT NULL,
	"actor_id" integer,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_customers" ADD CONSTRAINT "release_customers_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_customers" ADD CONSTRAINT "release_customers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_template_id_step_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."step_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_executed_by_id_users_id_fk" FOREIGN KEY ("executed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_events" ADD CONSTRAINT "step_events_customer_step_id_customer_steps_id_fk" FOREIGN KEY ("customer_step_id") REFERENCES "public"."customer_steps"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_events" ADD CONSTRAINT "step_events_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_events" ADD CONSTRAINT "step_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_events" ADD CONSTRAINT "step_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_email_idx" ON "sign_in_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_address_idx" ON "sign_in_attempts" USING btree ("address","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_name_unique" ON "clusters" USING btree (lower("name")) WHERE "clusters"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_cluster_namespace_unique" ON "customers" USING btree ("cluster_id","namespace") WHERE "customers"."is_active";--> statement-breakpoint
CREATE UNIQUE INDEX "customers_name_unique" ON "customers" USING btree (lower("name")) WHERE "customers"."is_active";--> statement-breakpoint
CREATE INDEX "customers_cluster_idx" ON "customers" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "release_customers_customer_idx" ON "release_customers" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_name_unique" ON "releases" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "releases_status_idx" ON "releases" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_steps_template_unique" ON "customer_steps" USING btree ("release_id","customer_id","template_id");--> statement-breakpoint
CREATE INDEX "customer_steps_release_customer_idx" ON "customer_steps" USING btree ("release_id","customer_id","category","order_index");--> statement-breakpoint
CREATE INDEX "customer_steps_template_idx" ON "customer_steps" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "customer_steps_customer_idx" ON "customer_steps" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "step_templates_release_idx" ON "step_templates" USING btree ("release_id","category","order_index");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "step_events_step_idx" ON "step_events" USING btree ("customer_step_id","created_at");--> statement-breakpoint
CREATE INDEX "step_events_created_idx" ON "step_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "step_events_release_idx" ON "step_events" USING btree ("release_id");