import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from './columns';

export const beneficiaries = sqliteTable(
  'beneficiaries',
  {
    ...syncedColumns(),
    clinicId: text('clinic_id').notNull(),
    code: text('code').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    otherNames: text('other_names'),
    sex: text('sex').$type<'female' | 'male' | 'other' | 'unknown'>(),
    birthDate: text('birth_date'),
    birthDateEstimated: integer('birth_date_estimated', { mode: 'boolean' }).notNull().default(false),
    nationalId: text('national_id'),
    phone: text('phone'),
    address: text('address'),
    preferredLanguage: text('preferred_language'),
    consent: integer('consent', { mode: 'boolean' }).notNull().default(false),
    consentDate: text('consent_date'),
    status: text('status').$type<'active' | 'inactive' | 'archived'>().notNull().default('active'),
    tags: text('tags', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    notes: text('notes'),
    /** Set when this record was merged into another: the survivor's id. */
    mergedInto: text('merged_into'),
  },
  (t) => [
    // Not unique either: each server gives its devices distinct codes, but a standalone installation that joins later,
    // a restored copy or a server that gives none may have made the same codes as a colleague, and a pull must
    // still store both people (it would stop at the clash, and sync with it).
    index('beneficiaries_code').on(t.code),
    // Not unique: two devices offline may register the same person, and both records are real once the server has
    // them. The services refuse a national ID that is already taken here; a clash arriving by sync is a probable
    // duplicate to merge (findDuplicates), never a row the pull cannot store.
    index('beneficiaries_national_id')
      .on(t.nationalId)
      .where(sql`national_id is not null and deleted_at is null`),
    // No (clinic_id, family_name) index: every query of a clinic reads live records, through the partial indexes
    // here and the name orders (migration 0007); it cost each registration and import a leaf rewritten at a random
    // place (0018 dropped it: an eighth of the pages a 100,000-row import writes).
    index('beneficiaries_created').on(t.createdAt),
    // Narrow and live-only: counts and filtered lists read this instead of the wide rows.
    index('beneficiaries_live')
      .on(t.clinicId, t.status)
      .where(sql`deleted_at is null`),
    // The dashboard's registrations, active counts and demographics read only this (deleted_at too, or SQLite reads the rows).
    index('beneficiaries_report_clinic')
      .on(t.clinicId, t.createdAt, t.status, t.sex, t.birthDate, t.deletedAt)
      .where(sql`deleted_at is null`),
  ],
);
