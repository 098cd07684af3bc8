ALTER TABLE `sync_state` ADD `device_code` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `code_seq` integer DEFAULT 0 NOT NULL;