-- Who attended, per day (db/schema/reports.ts); the same rule as report_daily: the sum over the current rows.
CREATE TABLE `report_served` (
	`day` text NOT NULL,
	`clinic_id` text NOT NULL,
	`type_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`beneficiary_id` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER report_served_sessions_insert AFTER INSERT ON sessions
WHEN (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(NEW.scheduled_at, 1, 10), NEW.clinic_id, NEW.type_id, NEW.staff_id, a.beneficiary_id, 1
  FROM session_attendees a
  WHERE a.session_id = NEW.id AND a.deleted_at IS NULL AND a.attendance = 'attended' AND (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_served_sessions_update AFTER UPDATE OF status, scheduled_at, clinic_id, type_id, staff_id, deleted_at ON sessions
WHEN (OLD.status = 'completed' AND OLD.deleted_at IS NULL) OR (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(OLD.scheduled_at, 1, 10), OLD.clinic_id, OLD.type_id, OLD.staff_id, a.beneficiary_id, -1
  FROM session_attendees a
  WHERE a.session_id = OLD.id AND a.deleted_at IS NULL AND a.attendance = 'attended' AND (OLD.status = 'completed' AND OLD.deleted_at IS NULL)
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(NEW.scheduled_at, 1, 10), NEW.clinic_id, NEW.type_id, NEW.staff_id, a.beneficiary_id, 1
  FROM session_attendees a
  WHERE a.session_id = NEW.id AND a.deleted_at IS NULL AND a.attendance = 'attended' AND (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_served_sessions_delete AFTER DELETE ON sessions
WHEN (OLD.status = 'completed' AND OLD.deleted_at IS NULL)
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(OLD.scheduled_at, 1, 10), OLD.clinic_id, OLD.type_id, OLD.staff_id, a.beneficiary_id, -1
  FROM session_attendees a
  WHERE a.session_id = OLD.id AND a.deleted_at IS NULL AND a.attendance = 'attended' AND (OLD.status = 'completed' AND OLD.deleted_at IS NULL)
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_served_attendees_insert AFTER INSERT ON session_attendees
WHEN (NEW.deleted_at IS NULL AND NEW.attendance = 'attended')
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, NEW.beneficiary_id, 1
  FROM sessions s
  WHERE s.id = NEW.session_id AND s.status = 'completed' AND s.deleted_at IS NULL AND (NEW.deleted_at IS NULL AND NEW.attendance = 'attended')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- A merge moves attendances to the survivor: beneficiary_id changes too.
CREATE TRIGGER report_served_attendees_update AFTER UPDATE OF attendance, deleted_at, session_id, beneficiary_id ON session_attendees
WHEN (OLD.deleted_at IS NULL AND OLD.attendance = 'attended') OR (NEW.deleted_at IS NULL AND NEW.attendance = 'attended')
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, OLD.beneficiary_id, -1
  FROM sessions s
  WHERE s.id = OLD.session_id AND s.status = 'completed' AND s.deleted_at IS NULL AND (OLD.deleted_at IS NULL AND OLD.attendance = 'attended')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, NEW.beneficiary_id, 1
  FROM sessions s
  WHERE s.id = NEW.session_id AND s.status = 'completed' AND s.deleted_at IS NULL AND (NEW.deleted_at IS NULL AND NEW.attendance = 'attended')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER report_served_attendees_delete AFTER DELETE ON session_attendees
WHEN (OLD.deleted_at IS NULL AND OLD.attendance = 'attended')
BEGIN
  INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, OLD.beneficiary_id, -1
  FROM sessions s
  WHERE s.id = OLD.session_id AND s.status = 'completed' AND s.deleted_at IS NULL AND (OLD.deleted_at IS NULL AND OLD.attendance = 'attended')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`, `beneficiary_id`) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
-- What was there before this migration.
INSERT INTO report_served (day, clinic_id, type_id, staff_id, beneficiary_id, n)
SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, a.beneficiary_id, count(*)
FROM sessions s JOIN session_attendees a ON a.session_id = s.id AND a.deleted_at IS NULL AND a.attendance = 'attended'
WHERE s.status = 'completed' AND s.deleted_at IS NULL
GROUP BY 1, 2, 3, 4, 5;
