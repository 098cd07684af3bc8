-- A person's sessions (double bookings, owed follow-ups) are found through covering indexes: attendances by person
-- hold the session id, each session's time and follow-up state sit in an index keyed by id, and whether a session
-- has a missed attendee is answered by the missed index alone; none of these checks reads a wide row.
DROP INDEX `session_attendees_beneficiary`;--> statement-breakpoint
DROP INDEX `session_attendees_missed`;--> statement-breakpoint
CREATE INDEX `session_attendees_beneficiary` ON `session_attendees` (`beneficiary_id`,`deleted_at`,`session_id`);--> statement-breakpoint
CREATE INDEX `session_attendees_missed` ON `session_attendees` (`session_id`,`attendance`,`deleted_at`) WHERE attendance = 'missed' and deleted_at is null;--> statement-breakpoint
CREATE INDEX `sessions_by_id` ON `sessions` (`id`,`deleted_at`,`scheduled_at`,`duration_minutes`,`status`,`follow_up_date`,`follow_up_done_at`);