import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { SessionUser } from '../../../common/account';
import type { OpenConflict, RejectedChange, SyncRecord } from '../../../common/sync';
import type { Db } from '../../../db/open';
import { beneficiaries, conflicts, outbox, sessionAttendees, sessions, sessionTypes, users } from '../../../db/schema';
import type { Row } from '../changes';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';
import { indexBeneficiary, unindexBeneficiary } from '../beneficiaries/search-index';
import { pullTables } from './tables';

type Reviewed = 'beneficiaries' | 'sessions' | 'session_attendees' | 'conflicts';
const reviewed = new Set<string>(['beneficiaries', 'sessions', 'session_attendees', 'conflicts']);

// Drizzle's builders are typed per table; these tables are picked by name at run time.
function selectRow(db: Db, entity: Reviewed, id: string): Row | undefined {
  const table = pullTables[entity] as SQLiteTable & { id: typeof beneficiaries.id };
  return db.select().from(table).where(eq(table.id, id)).get() as Row | undefined;
}
function updateRow(db: Db, entity: Reviewed, id: string, values: Row): Row {
  const table = pullTables[entity] as typeof beneficiaries;
  return db.update(table).set(values).where(eq(table.id, id)).returning().get() as Row;
}

/** The record a change is about, as a reader recognises it (common/sync.ts, SyncRecord). */
function recordOf(db: Db, entity: string, rowId: string): SyncRecord {
  const person = (id: string) => {
    const b = db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get();
    return b ? `${b.givenName} ${b.familyName} (${b.code})` : null;
  };
  const session = (id: string) =>
    db
      .select({ id: sessions.id, at: sessions.scheduledAt, type: sessionTypes.name })
      .from(sessions)
      .leftJoin(sessionTypes, eq(sessionTypes.id, sessions.typeId))
      .where(eq(sessions.id, id))
      .get();
  if (entity === 'beneficiaries') return { label: person(rowId) ?? rowId, when: null, sessionId: null };
  if (entity === 'sessions') {
    const s = session(rowId);
    if (s) return { label: s.type ?? rowId, when: s.at, sessionId: s.id };
  }
  if (entity === 'session_attendees') {
    const a = db.select().from(sessionAttendees).where(eq(sessionAttendees.id, rowId)).get();
    const s = a && session(a.sessionId);
    if (a) return { label: person(a.beneficiaryId) ?? rowId, when: s?.at ?? null, sessionId: s?.id ?? null };
  }
  return { label: rowId, when: null, sessionId: null };
}

function clinicOf(db: Db, entity: string, rowId: string): string | null {
  if (entity === 'beneficiaries') return db.select().from(beneficiaries).where(eq(beneficiaries.id, rowId)).get()?.clinicId ?? null;
  // An attendee belongs to its session's clinic.
  const sessionId =
    entity === 'sessions'
      ? rowId
      : entity === 'session_attendees'
        ? db.select().from(sessionAttendees).where(eq(sessionAttendees.id, rowId)).get()?.sessionId
        : undefined;
  return sessionId ? (db.select().from(sessions).where(eq(sessions.id, sessionId)).get()?.clinicId ?? null) : null;
}

const visibleTo = (db: Db, user: SessionUser, entity: string, rowId: string) => {
  if (user.role === 'admin') return true;
  const clinic = clinicOf(db, entity, rowId);
  return clinic === null || user.clinicIds.includes(clinic);
};

const refused = eq(outbox.status, 'rejected');
const open = and(isNull(conflicts.resolvedAt), isNull(conflicts.deletedAt));

/**
 * How many refused changes and open conflicts this user may review: the lengths of listRejected and listConflicts, so
 * the counts on screen (header, Sync page) match the lists. A computer shared by colleagues of several clinics holds
 * records that are not everyone's.
 */
export function reviewCounts(core: Core, user: SessionUser): { rejected: number; conflicts: number } {
  const { db } = core.store;
  const visible = (rows: { entity: string; rowId: string }[]) => rows.filter((r) => visibleTo(db, user, r.entity, r.rowId)).length;
  return {
    rejected: visible(db.select({ entity: outbox.entity, rowId: outbox.rowId }).from(outbox).where(refused).all()),
    conflicts: visible(db.select({ entity: conflicts.entity, rowId: conflicts.rowId }).from(conflicts).where(open).all()),
  };
}

export function listRejected(core: Core, user: SessionUser): RejectedChange[] {
  const { db } = core.store;
  return db
    .select()
    .from(outbox)
    .where(refused)
    .orderBy(asc(outbox.seq))
    .all()
    .filter((r) => visibleTo(db, user, r.entity, r.rowId))
    .map((r) => {
      const reason = r.reason ? (JSON.parse(r.reason) as { code: string; message: string }) : { code: 'VALIDATION', message: '' };
      return {
        seq: r.seq,
        entity: r.entity,
        rowId: r.rowId,
        ...recordOf(db, r.entity, r.rowId),
        op: r.op,
        fields: Object.keys(r.fields).filter((k) => k !== 'updatedAt' && k !== 'updatedBy'),
        reason,
        at: r.createdAt,
      };
    });
}

/**
 * Sends the row as it stands now (after the user fixed it) as a new mutation, and drops the refused one.
 * The whole row goes, so that a refused creation is created again with every later fix in it; the row's
 * other queued entries are folded into it.
 */
export function resubmit(core: Core, user: SessionUser, seq: number): void {
  core.write({ userId: user.id }, (tx) => {
    const entry = tx.db.select().from(outbox).where(eq(outbox.seq, seq)).get();
    if (!entry || entry.status !== 'rejected' || !reviewed.has(entry.entity) || !visibleTo(tx.db, user, entry.entity, entry.rowId)) {
      throw new CoreError('NOT_FOUND', 'sync.errors.notFound');
    }
    const row = selectRow(tx.db, entry.entity as Reviewed, entry.rowId);
    if (!row) throw new CoreError('NOT_FOUND', 'sync.errors.notFound');
    // The row's current values include every edit still queued for it, and those would be refused for the same reason.
    tx.db
      .delete(outbox)
      .where(and(eq(outbox.entity, entry.entity), eq(outbox.rowId, entry.rowId)))
      .run();
    // `before` carries only the version this device has seen, so every field is sent with the right base.
    tx.record({
      action: 'sync.resubmit',
      entity: entry.entity as Reviewed,
      rowId: entry.rowId,
      before: { serverVersion: row.serverVersion },
      after: row,
      sync: true,
    });
  });
}

export function listConflicts(core: Core, user: SessionUser): OpenConflict[] {
  const { db } = core.store;
  const names = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .all()
      .map((u) => [u.id, u.name]),
  );
  return db
    .select()
    .from(conflicts)
    .where(open)
    .orderBy(asc(conflicts.createdAt))
    .all()
    .filter((c) => visibleTo(db, user, c.entity, c.rowId))
    .map((c) => ({
      id: c.id,
      entity: c.entity,
      rowId: c.rowId,
      ...recordOf(db, c.entity, c.rowId),
      field: c.field,
      keptValue: c.keptValue,
      lostValue: c.lostValue,
      keptBy: c.keptBy ? (names.get(c.keptBy) ?? c.keptBy) : null,
      lostBy: c.lostBy ? (names.get(c.lostBy) ?? c.lostBy) : null,
      keptAt: hlcTime(c.keptHlc),
      lostAt: hlcTime(c.lostHlc),
    }));
}

function hlcTime(hlc: string): string {
  return new Date(Number(hlc.slice(0, 15))).toISOString();
}

function resolve(tx: WriteTx, user: SessionUser, conflict: typeof conflicts.$inferSelect, action: string): void {
  const at = tx.now.toISOString();
  const after = tx.db
    .update(conflicts)
    .set({ resolvedAt: at, resolvedBy: user.id, updatedAt: at, updatedBy: user.id })
    .where(eq(conflicts.id, conflict.id))
    .returning()
    .get();
  tx.record({ action, entity: 'conflicts', rowId: conflict.id, before: conflict, after, sync: true });
}

function openConflict(tx: WriteTx, user: SessionUser, id: string) {
  const conflict = tx.db.select().from(conflicts).where(eq(conflicts.id, id)).get();
  if (!conflict || conflict.resolvedAt || !reviewed.has(conflict.entity) || !visibleTo(tx.db, user, conflict.entity, conflict.rowId)) {
    throw new CoreError('NOT_FOUND', 'sync.errors.notFound');
  }
  return conflict;
}

/** Puts the losing value back: an ordinary edit of the row, which syncs like any other, and the conflict is closed. */
export function restoreLostValue(core: Core, user: SessionUser, id: string): void {
  core.write({ userId: user.id }, (tx) => {
    const conflict = openConflict(tx, user, id);
    const entity = conflict.entity as Reviewed;
    const before = selectRow(tx.db, entity, conflict.rowId);
    if (!before || before.deletedAt) throw new CoreError('NOT_FOUND', 'sync.errors.rowGone');
    if (!(conflict.field in before) || conflict.field === 'id' || conflict.field === 'serverVersion') {
      throw new CoreError('VALIDATION', 'sync.errors.unknownField');
    }
    const after = updateRow(tx.db, entity, conflict.rowId, {
      [conflict.field]: conflict.lostValue,
      updatedAt: tx.now.toISOString(),
      updatedBy: user.id,
    });
    if (entity === 'beneficiaries') {
      const b = after as unknown as typeof beneficiaries.$inferSelect;
      if (b.deletedAt || b.mergedInto) unindexBeneficiary(core.store.sqlite, b.id);
      else indexBeneficiary(core.store.sqlite, b);
    }
    tx.record({ action: 'sync.restoreLostValue', entity, rowId: conflict.rowId, before, after, sync: true, note: { conflict: id } });
    resolve(tx, user, conflict, 'sync.resolveConflict');
  });
}

/** Keeps the value that won: the conflict is closed on every device. */
export function dismissConflict(core: Core, user: SessionUser, id: string): void {
  core.write({ userId: user.id }, (tx) => resolve(tx, user, openConflict(tx, user, id), 'sync.resolveConflict'));
}
