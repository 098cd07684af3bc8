import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Role } from '../../common/permissions';
import { syncedColumns } from './columns';

export const users = sqliteTable(
  'users',
  {
    ...syncedColumns(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** JSON array of clinic ids the user belongs to. */
    clinicIds: text('clinic_ids', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    // Local only, never synced: the offline sign-in verifier and its throttling.
    passwordVerifier: text('password_verifier'),
    pinVerifier: text('pin_verifier'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: text('locked_until'),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);
