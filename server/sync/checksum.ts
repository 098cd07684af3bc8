import { sql } from 'drizzle-orm';
import type { ChecksumResponse, PullEntity } from '../../common/sync';
import { rowsOf, type Db } from '../store/open';
import { inScope } from './pull';

/**
 * The digest of one entity as the caller's devices hold it (docs/sync-api.md): over every row in scope,
 * tombstones included, their count and the XOR of the 64-bit hash of each `row_id:version`, as 16 lowercase hex
 * digits. Read from the buckets the triggers on `rows` keep (migration 0004), so it costs the same at any size.
 */
export async function checksum(db: Db, entity: PullEntity, clinicIds: string[]): Promise<ChecksumResponse> {
  const [row] = rowsOf<{ count: string | number; digest: string }>(
    await db.execute(sql`
      select coalesce(sum(count), 0) as count, lpad(to_hex(coalesce(bit_xor(hash), 0)), 16, '0') as digest
      from row_digests where entity = ${entity} and ${inScope(clinicIds)}`),
  );
  return { count: Number(row!.count), digest: row!.digest };
}
