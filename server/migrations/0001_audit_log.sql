CREATE TABLE "audit_heads" (
	"device_id" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"pushed_by_device" text NOT NULL,
	"pushed_by_user" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" text NOT NULL,
	"user_id" text,
	"device_id" text NOT NULL,
	"action" text NOT NULL,
	"entity" text,
	"row_id" text,
	"clinic_id" text,
	"detail" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"chain_break" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_device" ON "audit_log" USING btree ("pushed_by_device","seq");--> statement-breakpoint
CREATE INDEX "audit_log_clinic" ON "audit_log" USING btree ("clinic_id","at");