-- The dashboard's daily summary (db/schema/reports.ts), without rowid: its key is the index it is read by.
CREATE TABLE `report_daily` (
	`day` text NOT NULL,
	`clinic_id` text NOT NULL,
	`type_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`held` integer DEFAULT 0 NOT NULL,
	`attended` integer DEFAULT 0 NOT NULL,
	`marked` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `clinic_id`, `type_id`, `staff_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Every trigger keeps one rule: report_daily is the sum over the current rows.
CREATE TRIGGER report_sessions_insert AFTER INSERT ON sessions
WHEN (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(NEW.scheduled_at, 1, 10), NEW.clinic_id, NEW.type_id, NEW.staff_id, 1, x.attended, x.marked
  FROM (SELECT coalesce(sum(a.attendance = 'attended'), 0) AS attended, coalesce(sum(a.attendance IN ('attended', 'missed')), 0) AS marked
        FROM session_attendees a WHERE a.session_id = NEW.id AND a.deleted_at IS NULL) x
  WHERE NEW.status = 'completed' AND NEW.deleted_at IS NULL
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
CREATE TRIGGER report_sessions_update AFTER UPDATE OF status, scheduled_at, clinic_id, type_id, staff_id, deleted_at ON sessions
WHEN (OLD.status = 'completed' AND OLD.deleted_at IS NULL) OR (NEW.status = 'completed' AND NEW.deleted_at IS NULL)
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(OLD.scheduled_at, 1, 10), OLD.clinic_id, OLD.type_id, OLD.staff_id, -1, -x.attended, -x.marked
  FROM (SELECT coalesce(sum(a.attendance = 'attended'), 0) AS attended, coalesce(sum(a.attendance IN ('attended', 'missed')), 0) AS marked
        FROM session_attendees a WHERE a.session_id = OLD.id AND a.deleted_at IS NULL) x
  WHERE OLD.status = 'completed' AND OLD.deleted_at IS NULL
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(NEW.scheduled_at, 1, 10), NEW.clinic_id, NEW.type_id, NEW.staff_id, 1, x.attended, x.marked
  FROM (SELECT coalesce(sum(a.attendance = 'attended'), 0) AS attended, coalesce(sum(a.attendance IN ('attended', 'missed')), 0) AS marked
        FROM session_attendees a WHERE a.session_id = NEW.id AND a.deleted_at IS NULL) x
  WHERE NEW.status = 'completed' AND NEW.deleted_at IS NULL
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
CREATE TRIGGER report_sessions_delete AFTER DELETE ON sessions
WHEN (OLD.status = 'completed' AND OLD.deleted_at IS NULL)
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(OLD.scheduled_at, 1, 10), OLD.clinic_id, OLD.type_id, OLD.staff_id, -1, -x.attended, -x.marked
  FROM (SELECT coalesce(sum(a.attendance = 'attended'), 0) AS attended, coalesce(sum(a.attendance IN ('attended', 'missed')), 0) AS marked
        FROM session_attendees a WHERE a.session_id = OLD.id AND a.deleted_at IS NULL) x
  WHERE OLD.status = 'completed' AND OLD.deleted_at IS NULL
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
CREATE TRIGGER report_attendees_insert AFTER INSERT ON session_attendees
WHEN (NEW.deleted_at IS NULL AND NEW.attendance IN ('attended', 'missed'))
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, 0, (NEW.attendance = 'attended'), 1
  FROM sessions s
  WHERE s.id = NEW.session_id AND s.status = 'completed' AND s.deleted_at IS NULL
    AND NEW.deleted_at IS NULL AND NEW.attendance IN ('attended', 'missed')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
CREATE TRIGGER report_attendees_update AFTER UPDATE OF attendance, deleted_at, session_id ON session_attendees
WHEN (OLD.deleted_at IS NULL AND OLD.attendance IN ('attended', 'missed')) OR (NEW.deleted_at IS NULL AND NEW.attendance IN ('attended', 'missed'))
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, 0, -(OLD.attendance = 'attended'), -1
  FROM sessions s
  WHERE s.id = OLD.session_id AND s.status = 'completed' AND s.deleted_at IS NULL
    AND OLD.deleted_at IS NULL AND OLD.attendance IN ('attended', 'missed')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, 0, (NEW.attendance = 'attended'), 1
  FROM sessions s
  WHERE s.id = NEW.session_id AND s.status = 'completed' AND s.deleted_at IS NULL
    AND NEW.deleted_at IS NULL AND NEW.attendance IN ('attended', 'missed')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
CREATE TRIGGER report_attendees_delete AFTER DELETE ON session_attendees
WHEN (OLD.deleted_at IS NULL AND OLD.attendance IN ('attended', 'missed'))
BEGIN
  INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
  SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, 0, -(OLD.attendance = 'attended'), -1
  FROM sessions s
  WHERE s.id = OLD.session_id AND s.status = 'completed' AND s.deleted_at IS NULL
    AND OLD.deleted_at IS NULL AND OLD.attendance IN ('attended', 'missed')
  ON CONFLICT (`day`, `clinic_id`, `type_id`, `staff_id`) DO UPDATE SET held = held + excluded.held, attended = attended + excluded.attended, marked = marked + excluded.marked;
END;
--> statement-breakpoint
-- What was there before this migration.
INSERT INTO report_daily (day, clinic_id, type_id, staff_id, held, attended, marked)
SELECT substr(s.scheduled_at, 1, 10), s.clinic_id, s.type_id, s.staff_id, count(*), coalesce(sum(x.attended), 0), coalesce(sum(x.marked), 0)
FROM sessions s
LEFT JOIN (SELECT session_id, sum(attendance = 'attended') AS attended, sum(attendance IN ('attended', 'missed')) AS marked
           FROM session_attendees WHERE deleted_at IS NULL GROUP BY session_id) x ON x.session_id = s.id
WHERE s.status = 'completed' AND s.deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
