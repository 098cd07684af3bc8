import { integer, text } from 'drizzle-orm/sqlite-core';

/** The columns every synced table carries (ARCHITECTURE.md, data rules). */
export const syncedColumns = () => ({
  id: text('id').primaryKey(), // UUIDv7 made on the device
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  createdBy: text('created_by'),
  updatedBy: text('updated_by'),
  deletedAt: text('deleted_at'),
  serverVersion: integer('server_version'),
});
