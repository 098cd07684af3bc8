import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { PullEntity } from '../../../common/sync';
import { beneficiaries, clinics, conflicts, sessionAttendees, sessions, sessionTypes, users } from '../../../db/schema';

/** The local table behind each entity a device receives. */
export const pullTables: Record<PullEntity, SQLiteTable> = {
  beneficiaries,
  sessions,
  session_attendees: sessionAttendees,
  conflicts,
  clinics,
  users,
  session_types: sessionTypes,
};

// Local-only columns: the offline sign-in verifier and its throttling never come from (or go to) the server.
const localOnly = new Set(['passwordVerifier', 'pinVerifier', 'failedSignIns', 'lockedUntil']);

export interface TableColumns {
  /** camelCase key → column, for the keys a pulled row may set. */
  byKey: Map<string, SQLiteColumn>;
}

const cache = new Map<PullEntity, TableColumns>();

export function columnsOf(entity: PullEntity): TableColumns {
  let found = cache.get(entity);
  if (!found) {
    const byKey = new Map<string, SQLiteColumn>();
    for (const [key, column] of Object.entries(getTableColumns(pullTables[entity]))) {
      if (!localOnly.has(key)) byKey.set(key, column as SQLiteColumn);
    }
    cache.set(entity, (found = { byKey }));
  }
  return found;
}

/** A wire value (JSON: booleans, arrays) as SQLite stores it in that column. */
export function toDriver(column: SQLiteColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return column.mapToDriverValue(value);
}
