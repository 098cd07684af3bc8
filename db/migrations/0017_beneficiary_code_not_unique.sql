DROP INDEX `beneficiaries_code`;--> statement-breakpoint
CREATE INDEX `beneficiaries_code` ON `beneficiaries` (`code`);