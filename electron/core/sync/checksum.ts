import type { ChecksumResponse, PullEntity } from '../../../common/sync';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';

/**
 * This device's digest of one table, as the server computes it (server/sync/checksum.ts, docs/sync-api.md): over
 * every row the server has sent (tombstones included), their count and the XOR of the 64-bit hash of each
 * `row_id:version`, as 16 lowercase hex digits. Rows never acknowledged by the server have no version and do not
 * count. Read from sync_digests, which triggers keep as server versions change (migration 0015): one row, at any size.
 */
export function localChecksum(sqlite: Sqlite, entity: PullEntity): ChecksumResponse {
  const row = statement(sqlite, 'select count, hash from sync_digests where entity = ?').safeIntegers(true).get(entity) as
    { count: bigint; hash: bigint } | undefined;
  return asChecksum(row?.count ?? 0n, row?.hash ?? 0n);
}

/** The same digest read from the rows themselves: what sync_digests must hold. */
export function checksumFromRows(sqlite: Sqlite, entity: PullEntity): ChecksumResponse {
  const { count, hash } = digestOfRows(sqlite, entity);
  return asChecksum(count, hash);
}

/** Sets a table's digest to what its rows give, whatever sync_digests held. */
export function rebuildDigest(sqlite: Sqlite, entity: PullEntity): ChecksumResponse {
  const { count, hash } = digestOfRows(sqlite, entity);
  statement(sqlite, 'insert or replace into sync_digests (entity, count, hash) values (?, ?, ?)').run(entity, count, hash);
  return asChecksum(count, hash);
}

function digestOfRows(sqlite: Sqlite, entity: PullEntity): { count: bigint; hash: bigint } {
  return statement(
    sqlite,
    `select count(*) as count, sync_xor(sync_row_hash(id, server_version)) as hash from ${entity} where server_version is not null`,
  )
    .safeIntegers(true)
    .get() as { count: bigint; hash: bigint };
}

function asChecksum(count: bigint, hash: bigint): ChecksumResponse {
  return { count: Number(count), digest: BigInt.asUintN(64, hash).toString(16).padStart(16, '0') };
}
