DROP INDEX `beneficiaries_report_clinic`;--> statement-breakpoint
CREATE INDEX `beneficiaries_report_clinic` ON `beneficiaries` (`clinic_id`,`created_at`,`status`,`sex`,`birth_date`,`deleted_at`) WHERE deleted_at is null;--> statement-breakpoint
DROP INDEX `session_attendees_report`;--> statement-breakpoint
CREATE INDEX `session_attendees_report` ON `session_attendees` (`session_id`,`attendance`,`beneficiary_id`,`deleted_at`) WHERE deleted_at is null;--> statement-breakpoint
DROP INDEX `sessions_report`;--> statement-breakpoint
DROP INDEX `sessions_follow_up_report`;--> statement-breakpoint
CREATE INDEX `sessions_report` ON `sessions` (`status`,`scheduled_at`,`clinic_id`,`type_id`,`staff_id`,`deleted_at`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `sessions_follow_up_report` ON `sessions` (`follow_up_date`,`clinic_id`,`type_id`,`staff_id`,`follow_up_done_at`,`deleted_at`) WHERE follow_up_date is not null and follow_up_done_at is null and deleted_at is null;