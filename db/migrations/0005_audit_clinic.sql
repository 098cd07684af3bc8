ALTER TABLE `audit_log` ADD `clinic_id` text;--> statement-breakpoint
CREATE INDEX `audit_log_clinic` ON `audit_log` (`clinic_id`,`seq`);--> statement-breakpoint
DROP TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.server_version IS NULL AND NEW.server_version IS NOT NULL
  AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash
  AND NEW.action = OLD.action AND NEW.detail IS OLD.detail AND NEW.user_id IS OLD.user_id
  AND NEW.device_id = OLD.device_id AND NEW.entity IS OLD.entity AND NEW.row_id IS OLD.row_id
  AND NEW.clinic_id IS OLD.clinic_id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- The list's name order, id included and live rows only, so a deep offset walks the index instead of sorting.
DROP INDEX beneficiaries_name_order;
--> statement-breakpoint
DROP INDEX beneficiaries_name_order_all;
--> statement-breakpoint
CREATE INDEX beneficiaries_name_order ON beneficiaries (clinic_id, family_name COLLATE NOCASE, given_name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX beneficiaries_name_order_all ON beneficiaries (family_name COLLATE NOCASE, given_name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
