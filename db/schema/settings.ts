import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Local, per-installation settings (not synced). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by'),
});
