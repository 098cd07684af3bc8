import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Spreadsheet imports (local, never synced: the rows they write sync on their
 * own). One row per import: what was read, from which file, and how far it got.
 */
export const imports = sqliteTable('imports', {
  id: text('id').primaryKey(),
  kind: text('kind').$type<'beneficiaries' | 'sessions'>().notNull(),
  fileName: text('file_name').notNull(),
  sheet: text('sheet'),
  clinicId: text('clinic_id').notNull(),
  status: text('status').$type<'running' | 'cancelled' | 'done' | 'rollingBack' | 'rolledBack'>().notNull(),
  total: integer('total').notNull(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Every row of the file as the preview judged it, staged before anything is
 * written: a batch marks its rows done in the same transaction that writes
 * them, so resuming skips exactly what was written and rolling back knows
 * what to undo (`before`: the record an update changed).
 */
export const importRows = sqliteTable(
  'import_rows',
  {
    importId: text('import_id').notNull(),
    row: integer('row').notNull(),
    action: text('action').$type<'create' | 'update' | 'skip' | 'reject'>().notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The record the row creates (its id is given at staging) or updates; a session's once written. */
    targetId: text('target_id'),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    state: text('state').$type<'pending' | 'done' | 'rolledBack'>().notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] }), index('import_rows_state').on(t.importId, t.state, t.row)],
);
