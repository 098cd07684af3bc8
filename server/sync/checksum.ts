import { sql } from 'drizzle-orm';
import type { ChecksumResponse, PullEntity } from '../../common/sync';
import { rowsOf, type Db } from '../store/open';
import { inScope } from './pull';

/**
 * The digest of one entity as the caller's devices hold it (docs/sync-api.md):
 * every row in scope, tombstones included, as `row_id:version` lines sorted
 * by row_id in byte order, joined by "\n", sha256, lowercase hex.
 */
export async function checksum(db: Db, entity: PullEntity, clinicIds: string[]): Promise<ChecksumResponse> {
  const [row] = rowsOf<{ count: string | number; digest: string }>(
    await db.execute(sql`
      select count(*) as count,
        encode(sha256(convert_to(coalesce(string_agg(row_id || ':' || version, E'\n' order by row_id collate "C"), ''), 'UTF8')), 'hex') as digest
      from rows where entity = ${entity} and ${inScope(clinicIds)}`),
  );
  return { count: Number(row!.count), digest: row!.digest };
}
