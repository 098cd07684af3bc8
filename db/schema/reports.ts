import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Completed sessions and marked attendances per UTC day, clinic, type and
 * staff member: what the dashboard sums instead of a million sessions.
 * Local and derived, never synced: triggers on sessions and
 * session_attendees keep it in step inside the same transaction as every
 * write (see migration 0008), whoever makes the write — the app, sync or a
 * merge. A pull from the start is the one exception: it sets the triggers
 * aside and rebuilds the summaries once (electron/core/reports/summaries.ts).
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
  (t) => [
    primaryKey({ columns: [t.day, t.clinicId, t.typeId, t.staffId, t.beneficiaryId] }),
    // Whether a person still attended anything on a day, when one of their rows drops to zero (migration 0013's triggers).
    // Day first: the people of one session share its day, so recording a group writes a leaf or two, not one per person.
    index('report_served_day_person')
      .on(t.day, t.clinicId, t.beneficiaryId, t.typeId, t.staffId)
      .where(sql`n > 0`),
  ],
);

/**
 * Who was served, one row per person, two calendar years and clinic, at four
 * levels: every type and staff member ('' for each), per type, per staff
 * member, and per both. A row covers `year` and the year after: `m1`…`m12`
 * hold one bit per day of the months of `year` (bit 0 is the 1st) on which
 * the person attended a completed session, `m13`…`m24` those of the next
 * year, and `months` one bit per month with any day (bit 0 is `m1`). Every
 * day is in two rows (its year's and the year before's), so any period of up
 * to two calendar years, such as the 365 days to yesterday, is a count over at
 * most one row per person: no merge of years. Derived from report_served by
 * triggers on it (migration 0019).
 */
export const reportReach = sqliteTable(
  'report_reach',
  {
    clinicId: text('clinic_id').notNull(),
    typeId: text('type_id').notNull(),
    staffId: text('staff_id').notNull(),
    year: integer('year').notNull(),
    beneficiaryId: text('beneficiary_id').notNull(),
    months: integer('months').notNull().default(0),
    m1: integer('m1').notNull().default(0),
    m2: integer('m2').notNull().default(0),
    m3: integer('m3').notNull().default(0),
    m4: integer('m4').notNull().default(0),
    m5: integer('m5').notNull().default(0),
    m6: integer('m6').notNull().default(0),
    m7: integer('m7').notNull().default(0),
    m8: integer('m8').notNull().default(0),
    m9: integer('m9').notNull().default(0),
    m10: integer('m10').notNull().default(0),
    m11: integer('m11').notNull().default(0),
    m12: integer('m12').notNull().default(0),
    m13: integer('m13').notNull().default(0),
    m14: integer('m14').notNull().default(0),
    m15: integer('m15').notNull().default(0),
    m16: integer('m16').notNull().default(0),
    m17: integer('m17').notNull().default(0),
    m18: integer('m18').notNull().default(0),
    m19: integer('m19').notNull().default(0),
    m20: integer('m20').notNull().default(0),
    m21: integer('m21').notNull().default(0),
    m22: integer('m22').notNull().default(0),
    m23: integer('m23').notNull().default(0),
    m24: integer('m24').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.typeId, t.staffId, t.year, t.beneficiaryId] })],
);
