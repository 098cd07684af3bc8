import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from './columns';

export const clinics = sqliteTable(
  'clinics',
  {
    ...syncedColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('clinics_code').on(t.code)],
);
