import type { ChangeTopic } from '../../common/changes';
import { formatHlc, type Hlc, parseHlc, tickHlc } from '../../common/hlc';
import type { Sqlite } from '../../db/open';
import { statement } from '../../db/statements';
import { auditHash, GENESIS_HASH } from './audit/chain';
import { newId } from './ids';

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
  // A new row (an import makes 100,000) has only its own keys: no set of both to build.
  for (const key of before ? new Set([...Object.keys(before), ...Object.keys(after)]) : Object.keys(after)) {
    if (notDiffed.has(key)) continue;
    const old = before?.[key] ?? null;
    const next = after[key] ?? null;
    // Most values are strings, numbers or null: compared as they are; only objects (JSON columns) by their text.
    if (old !== next && (typeof old !== 'object' || typeof next !== 'object' || JSON.stringify(old) !== JSON.stringify(next)))
      diff[key] = [old, next];
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

/**
 * One transaction's audit entries and outbox stamps. The last audit hash and this device's clock are read at
 * the first entry and carried from entry to entry (a group session writes dozens in one transaction); the
 * clock is saved once, by `finish`, before the transaction commits. Only writes through here touch either.
 */
export class TxLog {
  private prevHash: string | null = null;
  private clock: { deviceId: string; last: Hlc | null; offset: number } | null = null;
  private ticked = false;
  private at: { date: Date; text: string } | null = null;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly deviceId: string,
  ) {}

  /** Appends one hash-chained audit entry. */
  audit(actor: Actor, entry: AuditInput, at: string): void {
    const prevHash =
      this.prevHash ??
      (statement(this.sqlite, 'select hash from audit_log order by seq desc limit 1').pluck().get() as string | undefined) ??
      GENESIS_HASH;
    const content = {
      id: newId(),
      at,
      userId: actor.userId,
      deviceId: this.deviceId,
      action: entry.action,
      entity: entry.entity ?? null,
      rowId: entry.rowId ?? null,
      clinicId: entry.clinicId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    };
    const hash = auditHash(prevHash, content);
    // Positional values: no object copied and read back by name for each entry (an import writes 100,000).
    statement(
      this.sqlite,
      `insert into audit_log (id, at, user_id, device_id, action, entity, row_id, clinic_id, detail, prev_hash, hash)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      content.id,
      content.at,
      content.userId,
      content.deviceId,
      content.action,
      content.entity,
      content.rowId,
      content.clinicId,
      content.detail,
      prevHash,
      hash,
    );
    this.prevHash = hash;
  }

  /**
   * The second half of every write: the audit entry with its field diff and,
   * for synced entities, the outbox entry, in the caller's transaction,
   * so the row, its audit entry and its outbox entry commit together or not at all.
   */
  record(actor: Actor, change: RowChange, now: Date): void {
    // The transaction's one time, made into text once rather than for each of its rows (an import writes thousands).
    if (now !== this.at?.date) this.at = { date: now, text: now.toISOString() };
    const at = this.at.text;
    const diff = fieldDiff(change.before, change.after);
    const detail = change.redact ? { fields: Object.keys(diff), ...change.note } : { diff, ...change.note };
    const clinicId = (change.clinicId ?? change.after.clinicId ?? change.before?.clinicId ?? null) as string | null;
    this.audit(actor, { action: change.action, entity: change.entity, rowId: change.rowId, clinicId, detail }, at);
    if (!change.sync) return;
    const deleted = change.after.deletedAt != null && change.before?.deletedAt == null;
    const fields: Row = {};
    // Not Object.entries: an import's 100,000 records would each make an array per field.
    for (const key in diff) fields[key] = diff[key]![1];
    fields.updatedAt = change.after.updatedAt;
    fields.updatedBy = change.after.updatedBy;
    statement(
      this.sqlite,
      `insert into outbox (entity, row_id, op, fields, hlc, base_version, created_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      change.entity,
      change.rowId,
      deleted ? 'delete' : 'upsert',
      JSON.stringify(fields),
      this.nextHlc(now.getTime()),
      (change.before?.serverVersion as number | null | undefined) ?? null,
      at,
    );
  }

  /** A nested write rolled back: its entries are gone, so the chain goes on from what the store holds. The clock only moves on. */
  rolledBack(): void {
    this.prevHash = null;
  }

  /** Saves the last stamp issued, so stamps never go backwards. Call inside the transaction, after the last entry. */
  finish(): void {
    if (this.ticked) statement(this.sqlite, 'update sync_state set hlc = ? where id = 1').run(formatHlc(this.clock!.last!));
  }

  private nextHlc(nowMs: number): string {
    if (!this.clock) {
      const state = statement(
        this.sqlite,
        'select device_id as deviceId, hlc, clock_offset_ms as offset from sync_state where id = 1',
      ).get() as { deviceId: string; hlc: string | null; offset: number } | undefined;
      if (!state) throw new Error('sync_state is missing: the store was not initialised.');
      this.clock = { deviceId: state.deviceId, last: state.hlc ? parseHlc(state.hlc) : null, offset: state.offset };
    }
    this.clock.last = tickHlc(this.clock.last, nowMs + this.clock.offset, this.clock.deviceId);
    this.ticked = true;
    return formatHlc(this.clock.last);
  }
}
