import { bigint, boolean, index, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The server's store. Synced data lives in one generic `rows` table: the
 * server does not need the columns of each entity, only their values, who set
 * each field and when (for the per-field merge), and a version per write.
 */

/** One counter for every write, so a cursor is a single number (SYNC.md guarantee 5). */
export const rowVersion = pgSequence('row_version', { startWith: 1 });

/** Per-field merge state: the HLC that set the field, the version it was set at, and by whom. */
export interface FieldMeta {
  hlc: string;
  version: number;
  by: string | null;
}

export const rows = pgTable(
  'rows',
  {
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    /** The clinics whose devices receive this row; empty = every clinic (session types). */
    clinicIds: text('clinic_ids').array().notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    deleted: boolean('deleted').notNull().default(false),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    fieldMeta: jsonb('field_meta').$type<Record<string, FieldMeta>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.rowId] }),
    uniqueIndex('rows_version').on(t.version),
    index('rows_clinics').using('gin', t.clinicIds),
  ],
);

/** Append-only: pushed audit entries are kept as they came. */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: text('id').primaryKey(),
    clinicId: text('clinic_id'),
    deviceId: text('device_id').notNull(),
    userId: text('user_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('audit_entries_clinic').on(t.clinicId)],
);

export const clinics = pgTable('clinics', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased: sign-in ignores case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<'admin' | 'manager' | 'staff'>().notNull(),
    clinicIds: text('clinic_ids').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  /** The last seq applied (or permanently rejected) from this device. */
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** The answer to every seq a device used, so a resend gets the same answer (guarantee 2). */
export const mutationResults = pgTable(
  'mutation_results',
  {
    deviceId: text('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    result: jsonb('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.seq] })],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    /** sha256 of the token: a database leak does not hand out sessions. */
    tokenHash: text('token_hash').primaryKey(),
    familyId: text('family_id').notNull(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId)],
);

export const revokedFamilies = pgTable('revoked_families', {
  familyId: text('family_id').primaryKey(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** Server-wide values: the token secret (when not given by env) and the cursor epoch. */
export const serverSettings = pgTable('server_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
