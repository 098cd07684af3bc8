import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from './columns';

/** Local mutations waiting for the server. `seq` never repeats (AUTOINCREMENT). */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op').$type<'upsert' | 'delete'>().notNull(),
    fields: text('fields', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    hlc: text('hlc').notNull(),
    baseVersion: integer('base_version'),
    createdAt: text('created_at').notNull(),
    status: text('status').$type<'pending' | 'rejected'>().notNull().default('pending'),
    reason: text('reason'),
  },
  (t) => [index('outbox_row').on(t.entity, t.rowId)],
);

/**
 * This device's checksum of each synced table (electron/core/sync/checksum.ts), kept by triggers in the
 * transaction that changes a row's server_version (migration 0015): how many rows have one, and the XOR of
 * sync_row_hash(id, server_version) over them. A table with no such rows may have no entry.
 */
export const syncDigests = sqliteTable('sync_digests', {
  entity: text('entity').primaryKey(),
  count: integer('count').notNull(),
  hash: integer('hash', { mode: 'number' }).notNull(),
});

/** One row (id = 1): this device's identity and its sync position. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  deviceId: text('device_id').notNull(),
  /** Short id in beneficiary codes (KIS-7F3-0042); unique per device among those registered with the server. */
  deviceCode: text('device_code'),
  /** Last sequence number used in a beneficiary code on this device. */
  codeSeq: integer('code_seq').notNull().default(0),
  hlc: text('hlc'),
  serverUrl: text('server_url'),
  cursor: text('cursor'),
  lastSyncedAt: text('last_synced_at'),
  lastVerifiedAt: text('last_verified_at'),
  clockOffsetMs: integer('clock_offset_ms').notNull().default(0),
});

export const conflicts = sqliteTable(
  'conflicts',
  {
    ...syncedColumns(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    keptValue: text('kept_value', { mode: 'json' }),
    lostValue: text('lost_value', { mode: 'json' }),
    keptBy: text('kept_by'),
    lostBy: text('lost_by'),
    keptHlc: text('kept_hlc').notNull(),
    lostHlc: text('lost_hlc').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('conflicts_row').on(t.entity, t.rowId)],
);
