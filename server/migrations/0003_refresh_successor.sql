ALTER TABLE "refresh_tokens" ADD COLUMN "successor" text;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "resent_at" timestamp with time zone;