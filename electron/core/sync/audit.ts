import type { AuditEntryWire, AuditPushResponse } from '../../../common/sync';
import { statement } from '../../../db/statements';
import type { Core } from '../core';
import { readSetting, writeSetting } from '../settings/store';

/**
 * The audit trail goes to the server push-only, after the changes it describes (docs/sync-api.md,
 * POST /sync/audit). The local trail is append-only and numbered (`audit_log.seq`), so what is left to send
 * is simply every entry after a marker: no outbox entry per audit entry (that would double the outbox and
 * its writes), no per-row flag (the table refuses updates). The marker moves only over entries the server
 * answered as stored or duplicate, in one transaction, so an answer lost on the way means the same entries
 * go again, and the server, keyed by entry id, keeps one copy. The marker belongs to this device id: a
 * restored copy (new id) sends its whole trail again, and the server keeps the first copies.
 */
interface Pushed {
  deviceId: string;
  seq: number;
}

const PUSHED = 'sync.auditPushed';

function pushedUpTo(core: Core): number {
  const stored = readSetting<Pushed>(core.store.db, PUSHED);
  return stored && stored.deviceId === core.deviceId ? stored.seq : 0;
}

/** The next entries to send, oldest first, as stored and hashed: the standalone period's included. */
export function nextAuditBatch(core: Core, limit: number): AuditEntryWire[] {
  return statement(
    core.store.sqlite,
    `select id, seq, at, user_id, device_id, action, entity, row_id, clinic_id, detail, prev_hash, hash
     from audit_log where seq > ? order by seq limit ?`,
  ).all(pushedUpTo(core), limit) as AuditEntryWire[];
}

/** Moves the marker over the leading entries the server acknowledged; returns how many. */
export function acknowledgeAudit(core: Core, sent: AuditEntryWire[], answer: AuditPushResponse, at: string): number {
  const acked = new Set([...answer.stored, ...answer.duplicates]);
  let count = 0;
  while (count < sent.length && acked.has(sent[count]!.id)) count++;
  if (count > 0) writeSetting(core.store.db, PUSHED, { deviceId: core.deviceId, seq: sent[count - 1]!.seq }, at, null);
  return count;
}

/** Entries the server has not acknowledged yet. */
export function pendingAuditCount(core: Core): number {
  return statement(core.store.sqlite, 'select count(*) from audit_log where seq > ?').pluck().get(pushedUpTo(core)) as number;
}
