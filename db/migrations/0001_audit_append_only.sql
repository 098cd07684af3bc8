-- The audit trail is append-only: refuse edits and deletions at the database itself.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.server_version IS NULL AND NEW.server_version IS NOT NULL
  AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash
  AND NEW.action = OLD.action AND NEW.detail IS OLD.detail AND NEW.user_id IS OLD.user_id
  AND NEW.device_id = OLD.device_id AND NEW.entity IS OLD.entity AND NEW.row_id IS OLD.row_id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
