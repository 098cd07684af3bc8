import type { AuditContent } from '../../../common/auditChain';
import type { Sqlite } from '../../../db/open';
import { auditHash, GENESIS_HASH } from './chain';

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not hold: everything from it on is suspect. */
  firstBroken: { seq: number; id: string; at: string; reason: 'hash' | 'link' } | null;
}

type StoredEntry = AuditContent & { seq: number; prevHash: string; hash: string };

/** Walks the whole audit trail in order, recomputing every hash and every link. */
export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  const rows = sqlite
    .prepare(
      `select seq, id, at, user_id as userId, device_id as deviceId, action, entity, row_id as rowId, clinic_id as clinicId, detail,
         prev_hash as prevHash, hash from audit_log order by seq`,
    )
    .iterate() as IterableIterator<StoredEntry>;
  let expectedPrev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    checked++;
    if (row.prevHash !== expectedPrev) return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, at: row.at, reason: 'link' } };
    if (auditHash(row.prevHash, row) !== row.hash)
      return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, at: row.at, reason: 'hash' } };
    expectedPrev = row.hash;
  }
  return { ok: true, checked, firstBroken: null };
}
