import { v7 as uuidv7 } from 'uuid';
import type { ChangeTopic } from '../../common/changes';
import { formatHlc, parseHlc, tickHlc } from '../../common/hlc';
import type { Sqlite } from '../../db/open';
import { statement } from '../../db/statements';
import { auditHash, GENESIS_HASH } from './audit/chain';

// Every write passes here, so it uses prepared statements rather than the query builder.

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
  /** The clinic, for rows that do not carry one themselves (a session's attendees). */
  clinicId?: string;
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

export interface AuditInput {
  action: string;
  entity?: string;
  rowId?: string;
  clinicId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one hash-chained audit entry. Call inside the write's transaction. */
export function appendAudit(sqlite: Sqlite, deviceId: string, actor: Actor, entry: AuditInput, at: string): void {
  const prevHash =
    (statement(sqlite, 'select hash from audit_log order by seq desc limit 1').pluck().get() as string | undefined) ?? GENESIS_HASH;
  const content = {
    id: uuidv7(),
    at,
    userId: actor.userId,
    deviceId,
    action: entry.action,
    entity: entry.entity ?? null,
    rowId: entry.rowId ?? null,
    clinicId: entry.clinicId ?? null,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
  statement(
    sqlite,
    `insert into audit_log (id, at, user_id, device_id, action, entity, row_id, clinic_id, detail, prev_hash, hash)
     values (@id, @at, @userId, @deviceId, @action, @entity, @rowId, @clinicId, @detail, @prevHash, @hash)`,
  ).run({ ...content, prevHash, hash: auditHash(prevHash, content) });
}

/** Stamps the next HLC for this device and remembers it, so stamps never go backwards. */
function nextHlc(sqlite: Sqlite, nowMs: number): string {
  const state = statement(sqlite, 'select device_id as deviceId, hlc, clock_offset_ms as offset from sync_state where id = 1').get() as
    { deviceId: string; hlc: string | null; offset: number } | undefined;
  if (!state) throw new Error('sync_state is missing: the store was not initialised.');
  const stamp = formatHlc(tickHlc(state.hlc ? parseHlc(state.hlc) : null, nowMs + state.offset, state.deviceId));
  statement(sqlite, 'update sync_state set hlc = ? where id = 1').run(stamp);
  return stamp;
}

/**
 * The second half of every write: the audit entry with its field diff and,
 * for synced entities, the outbox entry. Runs in the caller's transaction,
 * so the row, its audit entry and its outbox entry commit together or not at all.
 */
export function recordChange(sqlite: Sqlite, deviceId: string, actor: Actor, change: RowChange, now: Date): void {
  const at = now.toISOString();
  const diff = fieldDiff(change.before, change.after);
  const detail = change.redact ? { fields: Object.keys(diff), ...change.note } : { diff, ...change.note };
  const clinicId = (change.clinicId ?? change.after.clinicId ?? change.before?.clinicId ?? null) as string | null;
  appendAudit(sqlite, deviceId, actor, { action: change.action, entity: change.entity, rowId: change.rowId, clinicId, detail }, at);
  if (!change.sync) return;
  const deleted = change.after.deletedAt != null && change.before?.deletedAt == null;
  const fields: Row = {};
  for (const [key, [, next]] of Object.entries(diff)) fields[key] = next;
  fields.updatedAt = change.after.updatedAt;
  fields.updatedBy = change.after.updatedBy;
  statement(
    sqlite,
    `insert into outbox (entity, row_id, op, fields, hlc, base_version, created_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    change.entity,
    change.rowId,
    deleted ? 'delete' : 'upsert',
    JSON.stringify(fields),
    nextHlc(sqlite, now.getTime()),
    (change.before?.serverVersion as number | null | undefined) ?? null,
    at,
  );
}
