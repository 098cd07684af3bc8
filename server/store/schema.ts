import { bigint, boolean, index, jsonb, pgSequence, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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

/**
 * The checksum of each entity (server/sync/checksum.ts) kept up to date by triggers on `rows` in the
 * transaction that writes them (migration 0004): per entity and set of clinics, how many rows and the XOR of a
 * 64-bit hash of each `row_id:version`. A checksum combines the buckets in the caller's scope, whatever the rows.
 */
export const rowDigests = pgTable(
  'row_digests',
  {
    entity: text('entity').notNull(),
    /** A row's exact `clinic_ids`: each row is in one bucket, so a row of several clinics counts once. */
    clinicIds: text('clinic_ids').array().notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
    hash: bigint('hash', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.clinicIds] })],
);

/**
 * Append-only: each device's audit trail as it sent it (server/sync/audit.ts). The server code only ever
 * inserts here; a deployment on PostgreSQL can also deny UPDATE and DELETE to the server's role.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    /** Who pushed it, from the access token: the device and the user signed in to the server there. */
    pushedByDevice: text('pushed_by_device').notNull(),
    pushedByUser: text('pushed_by_user').notNull(),
    /** The entry as the device wrote it: its place in the device's trail, who did what, where and when. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: text('at').notNull(),
    userId: text('user_id'),
    deviceId: text('device_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    rowId: text('row_id'),
    clinicId: text('clinic_id'),
    /** The field diff or other detail, the JSON text exactly as sent (its hash covers these bytes). */
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** null: the entry hashes to its hash and links to the entry before it; else `hash`, `link` or `unchecked`. */
    chainBreak: text('chain_break').$type<'hash' | 'link' | 'unchecked'>(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('audit_log_device').on(t.pushedByDevice, t.seq), index('audit_log_clinic').on(t.clinicId, t.at)],
);

/** Where each pushing device's audit chain stands: the hash its next entry must name as prev_hash. */
export const auditHeads = pgTable('audit_heads', {
  deviceId: text('device_id').primaryKey(),
  hash: text('hash').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

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

export const devices = pgTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    /** The last seq applied (or permanently rejected) from this device. */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** Its device code in beneficiary codes (deviceCodeOf), distinct for every device of the organisation. */
    number: serial('number').notNull(),
  },
  (t) => [uniqueIndex('devices_number').on(t.number)],
);

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
    /** The token that replaced this one, sealed under this one (auth/tokens.ts): re-sent to a device that lost it. */
    successor: text('successor'),
    /** When this token was handed out a second time, to a device presenting its predecessor again. */
    resentAt: timestamp('resent_at', { withTimezone: true, mode: 'string' }),
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
