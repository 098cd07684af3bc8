import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only (triggers refuse UPDATE and DELETE) and hash-chained: each
 * entry's hash covers its content and the previous entry's hash.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    userId: text('user_id'),
    deviceId: text('device_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    rowId: text('row_id'),
    /** The clinic of the record concerned, when it has one: managers read their clinics' trail. */
    clinicId: text('clinic_id'),
    /** JSON: { field: [before, after] } for writes, other details for views, exports, sign-ins. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    serverVersion: integer('server_version'),
  },
  (t) => [index('audit_log_row').on(t.entity, t.rowId), index('audit_log_at').on(t.at), index('audit_log_clinic').on(t.clinicId, t.seq)],
);
