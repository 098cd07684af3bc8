import { createHash } from 'node:crypto';
import type { ChecksumResponse, PullEntity } from '../../../common/sync';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';

/**
 * This device's digest of one table, as the server computes it (server/sync/checksum.ts, docs/sync-api.md):
 * every row the server has sent (tombstones included), `row_id:version` lines sorted by id in byte order,
 * joined by "\n", sha256, lowercase hex. Rows never acknowledged by the server have no version and do not count.
 */
export function localChecksum(sqlite: Sqlite, entity: PullEntity): ChecksumResponse {
  const lines = statement(sqlite, `select id || ':' || server_version from ${entity} where server_version is not null order by id`)
    .pluck()
    .all() as string[];
  return { count: lines.length, digest: createHash('sha256').update(lines.join('\n'), 'utf8').digest('hex') };
}
