import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A synced row's share of its table's checksum (docs/sync-api.md): the first 64 bits of md5('id:version'), signed.
 * Every pulled row takes one (two when its version moves): the one-shot hash costs half of a Hash object's.
 */
export function syncRowHash(id: string, version: number | bigint): bigint {
  return hash('md5', `${id}:${version}`, 'buffer').readBigInt64BE(0);
}

/**
 * The functions the sync_digests triggers call (migration 0015). Every connection that may write a synced
 * table needs them, so every connection gets them when it opens: a write without them fails rather than
 * leaving the checksum behind the rows.
 */
export function registerSyncDigest(sqlite: Database.Database): void {
  sqlite.function('sync_row_hash', { deterministic: true, safeIntegers: true }, (id: unknown, version: unknown) =>
    syncRowHash(String(id), version as bigint),
  );
  sqlite.aggregate('sync_xor', {
    start: 0n,
    safeIntegers: true,
    step: (total: bigint, hash: unknown) => (hash === null ? total : total ^ (hash as bigint)),
  });
}
