CREATE TABLE "manifest_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"publish_id" integer NOT NULL,
	"customer_step_id" bigint NOT NULL,
	"customer_id" integer NOT NULL,
	"path" text NOT NULL,
	"content" text NOT NULL,
	"blob_sha" text NOT NULL,
	"base_blob_sha" text,
	"base_content" text,
	"step_version" integer NOT NULL,
	"drifted" boolean,
	"drift_checked_at" timestamp with time zone,
	"drift_blob_sha" text
);
--> statement-breakpoint
CREATE TABLE "manifest_publishes" (
	"id" serial PRIMARY KEY NOT NULL,
	"release_id" integer NOT NULL,
	"stage_id" integer,
	"repository_id" integer NOT NULL,
	"title" text NOT NULL,
	"branch" text NOT NULL,
	"target_branch" text NOT NULL,
	"repository_url" text NOT NULL,
	"base_sha" text NOT NULL,
	"commit_sha" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"merging_since" timestamp with time zone,
	"published_by_id" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_sha" text,
	"merge_kind" text,
	"merged_by_id" integer,
	"merged_at" timestamp with time zone,
	"conflicts" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "manifest_publishes_status" CHECK ("manifest_publishes"."status" in ('open', 'merging', 'merged', 'superseded')),
	CONSTRAINT "manifest_publishes_merged" CHECK (("manifest_publishes"."status" = 'merged') = ("manifest_publishes"."merged_sha" is not null))
);
--> statement-breakpoint
CREATE TABLE "manifest_repositories" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"token_box" text,
	"branch" text DEFAULT 'main' NOT NULL,
	"path_pattern" text NOT NULL,
	"track_id" integer,
	"cluster_id" integer,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manifest_repositories_one_scope" CHECK (("manifest_repositories"."track_id" is null) <> ("manifest_repositories"."cluster_id" is null)),
	CONSTRAINT "manifest_repositories_name_not_blank" CHECK (length(trim("manifest_repositories"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "customer_steps" DROP CONSTRAINT "customer_steps_execution";--> statement-breakpoint
ALTER TABLE "step_templates" DROP CONSTRAINT "step_templates_execution";--> statement-breakpoint
ALTER TABLE "manifest_files" ADD CONSTRAINT "manifest_files_publish_id_manifest_publishes_id_fk" FOREIGN KEY ("publish_id") REFERENCES "public"."manifest_publishes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_files" ADD CONSTRAINT "manifest_files_customer_step_id_customer_steps_id_fk" FOREIGN KEY ("customer_step_id") REFERENCES "public"."customer_steps"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_files" ADD CONSTRAINT "manifest_files_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_publishes" ADD CONSTRAINT "manifest_publishes_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_publishes" ADD CONSTRAINT "manifest_publishes_stage_id_release_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."release_stages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_publishes" ADD CONSTRAINT "manifest_publishes_repository_id_manifest_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."manifest_repositories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_publishes" ADD CONSTRAINT "manifest_publishes_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_publishes" ADD CONSTRAINT "manifest_publishes_merged_by_id_users_id_fk" FOREIGN KEY ("merged_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_repositories" ADD CONSTRAINT "manifest_repositories_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_repositories" ADD CONSTRAINT "manifest_repositories_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_repositories" ADD CONSTRAINT "manifest_repositories_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "manifest_files_step_unique" ON "manifest_files" USING btree ("publish_id","customer_step_id");--> statement-breakpoint
CREATE INDEX "manifest_files_step_idx" ON "manifest_files" USING btree ("customer_step_id","publish_id");--> statement-breakpoint
CREATE INDEX "manifest_publishes_release_idx" ON "manifest_publishes" USING btree ("release_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "manifest_publishes_branch_open" ON "manifest_publishes" USING btree ("repository_id","branch") WHERE "manifest_publishes"."status" in ('open', 'merging');--> statement-breakpoint
CREATE UNIQUE INDEX "manifest_repositories_track_unique" ON "manifest_repositories" USING btree ("track_id") WHERE "manifest_repositories"."track_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "manifest_repositories_cluster_unique" ON "manifest_repositories" USING btree ("cluster_id") WHERE "manifest_repositories"."cluster_id" is not null;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_manifest_is_yaml" CHECK ("customer_steps"."execution" <> 'manifest' or "customer_steps"."type" = 'yaml');--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_execution" CHECK ("customer_steps"."execution" in ('manual', 'agent', 'manifest'));--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_manifest_is_yaml" CHECK ("step_templates"."execution" <> 'manifest' or "step_templates"."type" = 'yaml');--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_execution" CHECK ("step_templates"."execution" in ('manual', 'agent', 'manifest'));