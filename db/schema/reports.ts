import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Completed sessions and marked attendances per UTC day, clinic, type and
 * staff member: what the dashboard sums instead of a million sessions.
 * Local and derived, never synced: triggers on sessions and
 * session_attendees keep it in step inside the same transaction as every
 * write (see migration 0008), whoever makes the write — the app, sync or a merge.
 */
export const reportDaily = sqliteTable(
  'report_daily',
  {
    day: text('day').notNull(),
    clinicId: text('clinic_id').notNull(),
    typeId: text('type_id').notNull(),
    staffId: text('staff_id').notNull(),
    held: integer('held').notNull().default(0),
    attended: integer('attended').notNull().default(0),
    /** Attended plus missed. */
    marked: integer('marked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.clinicId, t.typeId, t.staffId] })],
);

/**
 * Who attended, per UTC day, clinic, type and staff member: the different
 * people served in a period are a distinct count over these rows, read in day
 * order without touching sessions. `n` is how many attended sessions the row
 * stands for; rows at zero are left in place and skipped. Same triggers, same
 * transaction (migration 0010).
 */
export const reportServed = sqliteTable(
  'report_served',
  {
    day: text('day').notNull(),
    clinicId: text('clinic_id').notNull(),
    typeId: text('type_id').notNull(),
    staffId: text('staff_id').notNull(),
    beneficiaryId: text('beneficiary_id').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.clinicId, t.typeId, t.staffId, t.beneficiaryId] })],
);
