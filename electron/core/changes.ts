import { desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { ChangeTopic } from '../../common/changes';
import { formatHlc, parseHlc, tickHlc } from '../../common/hlc';
import type { Db } from '../../db/open';
import { auditLog, outbox, syncState } from '../../db/schema';
import { auditHash, GENESIS_HASH } from './audit/chain';

export type Row = Record<string, unknown>;

export type Entity = Exclude<ChangeTopic, 'audit_log' | 'outbox'>;

export interface Actor {
  userId: string | null;
}

export interface RowChange {
  action: string;
  entity: Entity;
  rowId: string;
  before: Row | null;
  after: Row;
  /** Pull-only entities (users) and local settings are audited but never queued for sync. */
  sync: boolean;
  /** Audit which fields changed but not their values (erasure must not copy what it erases). */
  redact?: boolean;
  /** More for the audit entry: a reason, the other record of a merge. */
  note?: Record<string, unknown>;
}

// Bookkeeping columns: they change on every write and say nothing the audit or the server needs.
const notDiffed = new Set(['updatedAt', 'updatedBy', 'serverVersion', 'passwordVerifier', 'pinVerifier', 'failedSignIns', 'lockedUntil']);

export function fieldDiff(before: Row | null, after: Row): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    if (notDiffed.has(key)) continue;
    const old = before?.[key] ?? null;
    const next = after[key] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(next)) diff[key] = [old, next];
  }
  return diff;
}

/** Appends one hash-chained audit entry. Call inside the write's transaction. */
export function appendAudit(
  db: Db,
  deviceId: string,
  actor: Actor,
  entry: { action: string; entity?: string; rowId?: string; detail?: Record<string, unknown> },
  at: string,
): void {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    id: uuidv7(),
    at,
    userId: actor.userId,
    deviceId,
    action: entry.action,
    entity: entry.entity ?? null,
    rowId: entry.rowId ?? null,
    detail: entry.detail ?? null,
  };
  const hash = auditHash(prevHash, { ...row, detail: row.detail === null ? null : JSON.stringify(row.detail) });
  db.insert(auditLog).values({ ...row, prevHash, hash }).run();
}

/** Stamps the next HLC for this device and remembers it, so stamps never go backwards. */
function nextHlc(db: Db, nowMs: number): string {
  const state = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  if (!state) throw new Error('sync_state is missing: the store was not initialised.');
  const last = state.hlc ? parseHlc(state.hlc) : null;
  const stamp = formatHlc(tickHlc(last, nowMs + state.clockOffsetMs, state.deviceId));
  db.update(syncState).set({ hlc: stamp }).where(eq(syncState.id, 1)).run();
  return stamp;
}

/**
 * The second half of every write: the audit entry with its field diff and,
 * for synced entities, the outbox entry. Runs in the caller's transaction,
 * so the row, its audit entry and its outbox entry commit together or not at all.
 */
export function recordChange(db: Db, deviceId: string, actor: Actor, change: RowChange, now: Date): void {
  const at = now.toISOString();
  const diff = fieldDiff(change.before, change.after);
  const detail = change.redact ? { fields: Object.keys(diff), ...change.note } : { diff, ...change.note };
  appendAudit(db, deviceId, actor, { action: change.action, entity: change.entity, rowId: change.rowId, detail }, at);
  if (!change.sync) return;
  const deleted = change.after.deletedAt != null && change.before?.deletedAt == null;
  const fields: Row = {};
  for (const [key, [, next]] of Object.entries(diff)) fields[key] = next;
  fields.updatedAt = change.after.updatedAt;
  fields.updatedBy = change.after.updatedBy;
  db.insert(outbox)
    .values({
      entity: change.entity,
      rowId: change.rowId,
      op: deleted ? 'delete' : 'upsert',
      fields,
      hlc: nextHlc(db, now.getTime()),
      baseVersion: (change.before?.serverVersion as number | null | undefined) ?? null,
      createdAt: at,
    })
    .run();
}
