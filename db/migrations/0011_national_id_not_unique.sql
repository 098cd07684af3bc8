-- Two devices offline may register the same national ID; once both are on the server, a pull must store both
-- (a probable duplicate to merge). The services still refuse an ID already taken on this device.
DROP INDEX `beneficiaries_national_id`;--> statement-breakpoint
CREATE INDEX `beneficiaries_national_id` ON `beneficiaries` (`national_id`) WHERE national_id is not null and deleted_at is null;
