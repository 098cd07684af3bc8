DROP INDEX `sessions_follow_up`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `follow_up_done_at` text;--> statement-breakpoint
CREATE INDEX `sessions_open_follow_up` ON `sessions` (`staff_id`,`follow_up_date`) WHERE follow_up_date is not null and follow_up_done_at is null and deleted_at is null;--> statement-breakpoint
CREATE INDEX `beneficiaries_live` ON `beneficiaries` (`clinic_id`,`status`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `session_attendees_missed` ON `session_attendees` (`session_id`) WHERE attendance = 'missed' and deleted_at is null;