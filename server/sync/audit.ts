import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditHashInput, GENESIS_HASH } from '../../common/auditChain';
import type { AuditEntryWire } from '../../common/sync';
import { rowsOf, type Tx } from '../store/open';
import { auditHeads, auditLog } from '../store/schema';

export interface AuditPusher {
  userId: string;
  deviceId: string;
}

/** An entry whose chain does not hold: it is stored all the same (audit is never lost), and reported. */
export interface ChainBreak {
  id: string;
  seq: number;
  /** `hash`: the content does not hash to the entry's hash (altered); `link`: prev_hash is not the last entry's hash (a gap, or a rewritten predecessor). */
  reason: 'hash' | 'link';
}

export interface AuditStored {
  stored: string[];
  duplicates: string[];
  breaks: ChainBreak[];
}

/**
 * Appends a batch of one device's audit trail. An id already stored is a duplicate (a resend after a lost
 * answer, or a restored copy of the device sending its trail again): the first copy stays and the chain's
 * head moves to it. Every new entry is checked against the head of the pushing device's chain and against
 * its own hash; a break is recorded on the entry and returned, never refused. Only inserts: no path here,
 * or anywhere in the server, updates or deletes an audit entry.
 */
export async function storeAudit(tx: Tx, pusher: AuditPusher, entries: AuditEntryWire[], receivedAt: string): Promise<AuditStored> {
  // The head row, locked: two pushes from one device (a retry overtaking a slow request) take turns.
  await tx.insert(auditHeads).values({ deviceId: pusher.deviceId, hash: GENESIS_HASH, seq: 0 }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.deviceId, pusher.deviceId)).for('update');
  const known = new Map<string, string>();
  // The ids as one JSON parameter: drizzle's builder spends more on 500 parameters than the database on the lookup.
  const ids = JSON.stringify(entries.map((e) => e.id));
  for (const row of rowsOf<{ id: string; hash: string }>(
    await tx.execute(sql`select id, hash from audit_log where id in (select jsonb_array_elements_text(${ids}::jsonb))`),
  )) {
    known.set(row.id, row.hash);
  }

  let { hash: last, seq: lastSeq } = head!;
  const done: AuditStored = { stored: [], duplicates: [], breaks: [] };
  const rows: (typeof auditLog.$inferInsert)[] = [];
  for (const e of [...entries].sort((x, y) => x.seq - y.seq)) {
    const first = known.get(e.id);
    if (first !== undefined) {
      done.duplicates.push(e.id);
      last = first;
      lastSeq = e.seq;
      continue;
    }
    const content = {
      id: e.id,
      at: e.at,
      userId: e.user_id,
      deviceId: e.device_id,
      action: e.action,
      entity: e.entity,
      rowId: e.row_id,
      clinicId: e.clinic_id,
      detail: e.detail,
    };
    const hashed = createHash('sha256').update(auditHashInput(e.prev_hash, content)).digest('hex');
    const reason = hashed !== e.hash ? 'hash' : e.prev_hash !== last ? 'link' : null;
    if (reason) done.breaks.push({ id: e.id, seq: e.seq, reason });
    rows.push({
      ...content,
      pushedByDevice: pusher.deviceId,
      pushedByUser: pusher.userId,
      seq: e.seq,
      prevHash: e.prev_hash,
      hash: e.hash,
      chainBreak: reason,
      receivedAt,
    });
    known.set(e.id, e.hash);
    done.stored.push(e.id);
    last = e.hash;
    lastSeq = e.seq;
  }
  if (rows.length > 0) {
    // One statement from one JSON parameter, as push writes rows (sync/push.ts): the insert builder cost seconds per 10,000 entries.
    await tx.execute(sql`
      insert into audit_log (id, pushed_by_device, pushed_by_user, seq, at, user_id, device_id, action, entity, row_id, clinic_id,
        detail, prev_hash, hash, chain_break, received_at)
      select r.id, r."pushedByDevice", r."pushedByUser", r.seq, r.at, r."userId", r."deviceId", r.action, r.entity, r."rowId",
        r."clinicId", r.detail, r."prevHash", r.hash, r."chainBreak", r."receivedAt"
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(id text, "pushedByDevice" text, "pushedByUser" text, seq bigint, at text, "userId" text, "deviceId" text, action text,
          entity text, "rowId" text, "clinicId" text, detail text, "prevHash" text, hash text, "chainBreak" text, "receivedAt" timestamptz)`);
  }
  await tx.update(auditHeads).set({ hash: last, seq: lastSeq }).where(eq(auditHeads.deviceId, pusher.deviceId));
  return done;
}
