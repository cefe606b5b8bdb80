ALTER TYPE "public"."step_event_kind" ADD VALUE 'override_kept';--> statement-breakpoint
ALTER TYPE "public"."step_event_kind" ADD VALUE 'reviewed';--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "override_base" text;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "content_by_id" integer;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "reviewed_by_id" integer;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "step_templates" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "step_templates" ADD COLUMN "content_by_id" integer;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_content_by_id_users_id_fk" FOREIGN KEY ("content_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_steps" ADD CONSTRAINT "customer_steps_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_content_by_id_users_id_fk" FOREIGN KEY ("content_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Overrides made before drift was tracked start without drift: their base is the template as it is now.
UPDATE "customer_steps" AS cs SET "override_base" = t."content" FROM "step_templates" AS t WHERE t."id" = cs."template_id" AND cs."is_overridden";
