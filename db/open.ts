import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { restoreIndexes } from './indexes';
import * as schema from './schema';
import { registerSyncDigest } from './sync-digest';

export type Sqlite = Database.Database;
export type Db = ReturnType<typeof drizzleOf>;
export interface Store {
  sqlite: Sqlite;
  db: Db;
  /** Path of the copy made before migrating an existing file, if one was made. */
  preMigrationBackup: string | null;
}

const drizzleOf = (sqlite: Sqlite) => drizzle({ client: sqlite, schema });

export class StoreKeyError extends Error {
  constructor(file: string) {
    super(`The database ${file} cannot be opened with this key (wrong key, or not an Outpost database).`);
    this.name = 'StoreKeyError';
  }
}

/** A 256-bit key as 64 hex characters: never interpolated unless it matches. */
const hexKey = /^[0-9a-f]{64}$/;

export function openEncrypted(file: string, key: string, options: { readonly?: boolean } = {}): Sqlite {
  if (!hexKey.test(key)) throw new Error('The database key must be 64 lowercase hex characters.');
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    sqlite.pragma(`hexkey='${key}'`);
    sqlite.prepare('select count(*) from sqlite_master').get();
    registerSyncDigest(sqlite);
  } catch (error) {
    sqlite.close();
    if (error instanceof Error && /not a database|file is encrypted/i.test(error.message)) throw new StoreKeyError(file);
    throw error;
  }
  return sqlite;
}

/** Opens an existing store read-only, without migrating it: for a damaged store that can still be read. */
export function openStoreReadOnly(file: string, key: string): Store {
  const sqlite = openEncrypted(file, key, { readonly: true });
  return { sqlite, db: drizzleOf(sqlite), preMigrationBackup: null };
}

/** Copies the open database, encrypted with the same key, to a new file. */
export function backupTo(sqlite: Sqlite, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  sqlite.prepare('vacuum into ?').run(target);
}

function pendingMigrations(sqlite: Sqlite, migrationsFolder: string): number {
  const all = readMigrationFiles({ migrationsFolder });
  const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return all.length;
  const last = sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | null };
  return all.filter((m) => m.folderMillis > (last.at ?? 0)).length;
}

/**
 * Opens (creating if needed) the encrypted store: WAL, foreign keys, a busy
 * timeout, FULL sync so an acknowledged write survives power loss, then
 * migrations, after a backup when an existing file is about to change.
 */
export function openStore(file: string, key: string, migrationsFolder: string): Store {
  const existed = fs.existsSync(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = openEncrypted(file, key);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Every page read from disk is decrypted: keep the working set (lists, indexes) in memory.
    sqlite.pragma('cache_size = -65536');
    // A sort larger than the cache (an index built after a first sync: a million sessions) sorts its runs on a second
    // core: 46 s of index builds became 39–41 s, for about 120 MB more at the peak. Smaller sorts never start a thread.
    sqlite.pragma('threads = 2');
    // Before the backup and the migrations: a first sync cut short may have left indexes set aside.
    restoreIndexes(sqlite);
    let preMigrationBackup: string | null = null;
    if (existed && pendingMigrations(sqlite, migrationsFolder) > 0) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      preMigrationBackup = path.join(path.dirname(file), 'backups', `pre-migration-${stamp}.db`);
      backupTo(sqlite, preMigrationBackup);
    }
    const db = drizzleOf(sqlite);
    migrate(db, { migrationsFolder });
    return { sqlite, db, preMigrationBackup };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
