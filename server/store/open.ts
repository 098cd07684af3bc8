import { PGlite, types } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  backend: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
// Replicas starting together on one PostgreSQL take turns migrating.
const migrationLock = 7_041_977;

/**
 * PostgreSQL when a URL is given, else PGlite: data in `dataDir`, or in memory
 * when that is absent too (tests). Either way the schema is migrated.
 */
export async function openDatabase(options: { dataDir?: string; databaseUrl?: string }): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection cut by the server (restart, failover) is dropped from the pool; the next query reconnects.
    pool.on('error', () => {});
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [migrationLock]);
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      await client.query('select pg_advisory_unlock($1)', [migrationLock]);
    } finally {
      client.release();
    }
    return { db: drizzlePg({ client: pool, schema }) as unknown as Db, backend: 'postgres', close: () => pool.end() };
  }
  const client = new PGlite({ dataDir: options.dataDir, serializers: { [types.JSONB]: jsonbBytes } });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, backend: 'pglite', close: () => client.close() };
}

/**
 * A jsonb parameter for PGlite as bytes in Postgres's binary format (a version byte, then the text). As text, PGlite
 * measured its UTF-8 length in a JavaScript loop, twice, before copying it: for the JSON parameters of a push (rows,
 * audit entries, about 2 MB a batch) that cost more than the database's parsing of them. PGlite sends a parameter
 * that is a byte array in binary format; its type says the serializer returns a string.
 */
function jsonbBytes(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(text) + 1);
  bytes[0] = 1;
  bytes.write(text, 1);
  return bytes as unknown as string;
}

/** The rows of a raw `execute`, whichever driver ran it. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
