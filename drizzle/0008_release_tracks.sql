CREATE TABLE "approver_group_members" (
	"group_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "approver_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "approver_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"cluster_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"label_key" text,
	"label_value" text,
	"required_group_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"soak_minutes" integer DEFAULT 0 NOT NULL,
	"release_id" integer NOT NULL,
	"promoter_may_not_be_only_signer" boolean DEFAULT true NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by_id" integer,
	"break_glass_reason" text
);
--> statement-breakpoint
CREATE TABLE "sign_offs" (
	"id" serial PRIMARY KEY NOT NULL,
	"stage_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"user_id" integer,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "track_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"cluster_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"label_key" text,
	"label_value" text,
	"required_group_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"soak_minutes" integer DEFAULT 0 NOT NULL,
	"track_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"default_for" "release_type",
	"promoter_may_not_be_only_signer" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "track_id" integer;--> statement-breakpoint
ALTER TABLE "approver_group_members" ADD CONSTRAINT "approver_group_members_group_id_approver_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."approver_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approver_group_members" ADD CONSTRAINT "approver_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_stages" ADD CONSTRAINT "release_stages_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_stages" ADD CONSTRAINT "release_stages_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_stage_id_release_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."release_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_group_id_approver_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."approver_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_stages" ADD CONSTRAINT "track_stages_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approver_group_members_user_idx" ON "approver_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approver_groups_name_unique" ON "approver_groups" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "release_stages_position_unique" ON "release_stages" USING btree ("release_id","position");--> statement-breakpoint
CREATE INDEX "sign_offs_stage_idx" ON "sign_offs" USING btree ("stage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_offs_active_unique" ON "sign_offs" USING btree ("stage_id","group_id","user_id") WHERE "sign_offs"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "track_stages_position_unique" ON "track_stages" USING btree ("track_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tracks_name_unique" ON "tracks" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "tracks_default_for_unique" ON "tracks" USING btree ("default_for") WHERE "tracks"."default_for" is not null;--> statement-breakpoint
-- Declared here rather than in the schema (releases.ts and tracks.ts would import each other): deleting a track leaves its draft releases with none.
ALTER TABLE "releases" ADD CONSTRAINT "releases_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE set null ON UPDATE no action;
