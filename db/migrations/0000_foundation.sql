CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`device_id` text NOT NULL,
	`action` text NOT NULL,
	`entity` text,
	`row_id` text,
	`detail` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`server_version` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_unique` ON `audit_log` (`id`);--> statement-breakpoint
CREATE INDEX `audit_log_row` ON `audit_log` (`entity`,`row_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `beneficiaries` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`clinic_id` text NOT NULL,
	`code` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`other_names` text,
	`sex` text,
	`birth_date` text,
	`birth_date_estimated` integer DEFAULT false NOT NULL,
	`national_id` text,
	`phone` text,
	`address` text,
	`preferred_language` text,
	`consent` integer DEFAULT false NOT NULL,
	`consent_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`merged_into` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `beneficiaries_code` ON `beneficiaries` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `beneficiaries_national_id` ON `beneficiaries` (`national_id`) WHERE national_id is not null and deleted_at is null;--> statement-breakpoint
CREATE INDEX `beneficiaries_clinic` ON `beneficiaries` (`clinic_id`,`family_name`);--> statement-breakpoint
CREATE INDEX `beneficiaries_created` ON `beneficiaries` (`created_at`);--> statement-breakpoint
CREATE TABLE `clinics` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clinics_code` ON `clinics` (`code`);--> statement-breakpoint
CREATE TABLE `session_attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`session_id` text NOT NULL,
	`beneficiary_id` text NOT NULL,
	`attendance` text DEFAULT 'expected' NOT NULL,
	`outcome` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_attendees_pair` ON `session_attendees` (`session_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `session_attendees_beneficiary` ON `session_attendees` (`beneficiary_id`);--> statement-breakpoint
CREATE TABLE `session_types` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`name` text NOT NULL,
	`color` text NOT NULL,
	`default_duration_minutes` integer NOT NULL,
	`is_group` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`clinic_id` text NOT NULL,
	`type_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`location` text,
	`scheduled_at` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`status` text NOT NULL,
	`notes` text,
	`follow_up_date` text
);
--> statement-breakpoint
CREATE INDEX `sessions_clinic_time` ON `sessions` (`clinic_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `sessions_staff_time` ON `sessions` (`staff_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `sessions_follow_up` ON `sessions` (`follow_up_date`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`kept_value` text,
	`lost_value` text,
	`kept_by` text,
	`lost_by` text,
	`kept_hlc` text NOT NULL,
	`lost_hlc` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text
);
--> statement-breakpoint
CREATE INDEX `conflicts_row` ON `conflicts` (`entity`,`row_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`fields` text NOT NULL,
	`hlc` text NOT NULL,
	`base_version` integer,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `outbox_row` ON `outbox` (`entity`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`hlc` text,
	`server_url` text,
	`cursor` text,
	`last_synced_at` text,
	`last_verified_at` text,
	`clock_offset_ms` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`created_by` text,
	`updated_by` text,
	`deleted_at` text,
	`server_version` integer,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`clinic_ids` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`password_verifier` text,
	`pin_verifier` text,
	`failed_sign_ins` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);