import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from './columns';

export const sessionTypes = sqliteTable('session_types', {
  ...syncedColumns(),
  name: text('name').notNull(),
  color: text('color').notNull(),
  defaultDurationMinutes: integer('default_duration_minutes').notNull(),
  isGroup: integer('is_group', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const sessions = sqliteTable(
  'sessions',
  {
    ...syncedColumns(),
    clinicId: text('clinic_id').notNull(),
    typeId: text('type_id').notNull(),
    staffId: text('staff_id').notNull(),
    location: text('location'),
    scheduledAt: text('scheduled_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    status: text('status').$type<'scheduled' | 'completed' | 'cancelled'>().notNull(),
    notes: text('notes'),
    followUpDate: text('follow_up_date'),
    /** Set when a later session with the same people was planned or recorded: the follow-up is no longer owed. */
    followUpDoneAt: text('follow_up_done_at'),
  },
  (t) => [
    index('sessions_clinic_time').on(t.clinicId, t.scheduledAt),
    index('sessions_staff_time').on(t.staffId, t.scheduledAt),
    index('sessions_open_follow_up')
      .on(t.staffId, t.followUpDate)
      .where(sql`follow_up_date is not null and follow_up_done_at is null and deleted_at is null`),
    // Covering indexes for the dashboard: its counts over a year read these, never the rows. Each also holds the
    // columns of its own WHERE: SQLite reads the row for any column a query names, even one the WHERE already fixes.
    index('sessions_report')
      .on(t.status, t.scheduledAt, t.clinicId, t.typeId, t.staffId, t.deletedAt)
      .where(sql`deleted_at is null`),
    // Covering index for the scans over a person's sessions (double bookings, owed follow-ups): each session found
    // through its attendance is read here, never from the wide row. Not partial: SQLite reads the row for any
    // column a query names, even one the index's WHERE already fixes.
    index('sessions_by_id').on(t.id, t.deletedAt, t.scheduledAt, t.durationMinutes, t.status, t.followUpDate, t.followUpDoneAt),
    index('sessions_follow_up_report')
      .on(t.followUpDate, t.clinicId, t.typeId, t.staffId, t.followUpDoneAt, t.deletedAt)
      .where(sql`follow_up_date is not null and follow_up_done_at is null and deleted_at is null`),
  ],
);

export const sessionAttendees = sqliteTable(
  'session_attendees',
  {
    ...syncedColumns(),
    sessionId: text('session_id').notNull(),
    beneficiaryId: text('beneficiary_id').notNull(),
    attendance: text('attendance').$type<'expected' | 'attended' | 'missed' | 'excused'>().notNull().default('expected'),
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('session_attendees_pair').on(t.sessionId, t.beneficiaryId),
    // Covering for a person's live attendances: the session ids come from the index alone.
    index('session_attendees_beneficiary').on(t.beneficiaryId, t.deletedAt, t.sessionId),
    // Whether a session has a missed attendee, answered from the index alone (its columns are the ones the check names).
    index('session_attendees_missed')
      .on(t.sessionId, t.attendance, t.deletedAt)
      .where(sql`attendance = 'missed' and deleted_at is null`),
    index('session_attendees_report')
      .on(t.sessionId, t.attendance, t.beneficiaryId, t.deletedAt)
      .where(sql`deleted_at is null`),
  ],
);
