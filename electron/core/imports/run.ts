import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { BeneficiaryFields } from '../../../common/beneficiaries';
import type { CellProblem, ImportCounts, ImportSummary, startInput } from '../../../common/imports';
import type { sessionInput } from '../../../common/sessions';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { type Trigger, withoutTriggers } from '../../../db/triggers';
import { beneficiaries, clinics, imports, sessionAttendees, sessions } from '../../../db/schema';
import { type IndexedFields, indexBeneficiaries, indexBeneficiary, unindexBeneficiary } from '../beneficiaries/search-index';
import { columnsOf, insertBeneficiary, reserveCodes } from '../beneficiaries/service';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';
import { newId } from '../ids';
import * as sessionService from '../sessions/service';
import { forgetPlan, plan } from './preview';
import { batchSizer, copyLogIfDue, tuneForImport } from './tuning';

/**
 * Rows of the first batch (a transaction: a cancel or a crash leaves whole batches, or none). The batches after it
 * are sized by time (batchSizer): the fewer the commits, the fewer index pages written and encrypted.
 */
export const BATCH_ROWS = 2000;

type ImportRow = typeof imports.$inferSelect;
interface StagedRow {
  importId: string;
  row: number;
  action: 'create' | 'update' | 'skip' | 'reject';
  payload: string | null;
  targetId: string | null;
  before: string | null;
  state: 'pending' | 'done' | 'rolledBack';
  reason: string | null;
}

interface Active {
  cancelled: boolean;
  done: Promise<void>;
}
const active = new WeakMap<Core, Map<string, Active>>();
const activeOf = (core: Core) => {
  let map = active.get(core);
  if (!map) active.set(core, (map = new Map()));
  return map;
};

function importRow(core: Core, id: string): ImportRow {
  const row = core.store.db.select().from(imports).where(eq(imports.id, id)).get();
  if (!row) throw new CoreError('NOT_FOUND', 'imports.errors.notFound');
  return row;
}

function visibleImport(core: Core, user: SessionUser, id: string): ImportRow {
  const row = importRow(core, id);
  if (user.role !== 'admin' && !user.clinicIds.includes(row.clinicId)) throw new CoreError('NOT_FOUND', 'imports.errors.notFound');
  return row;
}

function counts(core: Core, id: string): ImportCounts {
  const result: ImportCounts = { imported: 0, updated: 0, skipped: 0, rejected: 0, pending: 0, rolledBack: 0 };
  const groups = statement(
    core.store.sqlite,
    'select action, state, count(*) as n from import_rows where import_id = ? group by action, state',
  ).all(id) as { action: StagedRow['action']; state: StagedRow['state']; n: number }[];
  for (const { action, state, n } of groups) {
    if (state === 'rolledBack') result.rolledBack += n;
    else if (action === 'skip') result.skipped += n;
    else if (action === 'reject') result.rejected += n;
    else if (state === 'pending') result.pending += n;
    else if (action === 'create') result.imported += n;
    else result.updated += n;
  }
  return result;
}

function summary(core: Core, row: ImportRow): ImportSummary {
  const running = activeOf(core).has(row.id);
  // Running or rolling back in the store, but no job in this process: the app stopped during it.
  const status = (row.status === 'running' || row.status === 'rollingBack') && !running ? 'interrupted' : row.status;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    sheet: row.sheet,
    status,
    total: row.total,
    counts: counts(core, row.id),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

export function get(core: Core, user: SessionUser, id: string): ImportSummary {
  return summary(core, visibleImport(core, user, id));
}

export function list(core: Core, user: SessionUser, limit: number): ImportSummary[] {
  return core.store.db
    .select()
    .from(imports)
    .all()
    .filter((row) => user.role === 'admin' || user.clinicIds.includes(row.clinicId))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, limit)
    .map((row) => summary(core, row));
}

/**
 * Judges the file again (the registry may have changed since the preview),
 * applies the user's choices for duplicates, and stages every row with what
 * will happen to it, in one transaction. Nothing is imported yet.
 */
export async function stage(core: Core, user: SessionUser, input: z.output<typeof startInput>): Promise<string> {
  const { preview, rows, fileName } = await plan(core, user, input);
  if (preview.detectedDateOrder === 'ambiguous' && input.dateOrder === 'auto')
    throw new CoreError('VALIDATION', 'imports.errors.chooseDateOrder', { dateOrder: ['imports.errors.chooseDateOrder'] });
  forgetPlan(core);
  const decisions = new Map(input.decisions.map((d) => [d.row, d]));
  const id = uuidv7();
  core.write({ userId: user.id }, (tx) => {
    const at = tx.now.toISOString();
    tx.db
      .insert(imports)
      .values({
        id,
        kind: input.kind,
        fileName,
        sheet: input.sheet,
        clinicId: input.clinicId,
        status: 'running',
        total: rows.length,
        createdAt: at,
        createdBy: user.id,
        updatedAt: at,
      })
      .run();
    const insert = statement(
      core.store.sqlite,
      `insert into import_rows (import_id, row, action, payload, target_id, state, reason) values (?, ?, ?, ?, ?, ?, ?)`,
    );
    const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
    for (const row of rows) {
      if (row.status === 'invalid') {
        insert.run(id, row.row, 'reject', null, null, 'done', json(row.problems));
        continue;
      }
      // A record to create gets its id now: the batch that writes it marks its rows done by range, with nothing to add.
      if (row.status === 'valid') {
        insert.run(id, row.row, 'create', json(row.payload), newId(), 'pending', null);
        continue;
      }
      const dup = row.duplicate!;
      const decision = decisions.get(row.row);
      const action = decision && dup.allowed.includes(decision.action) ? decision.action : 'skip';
      if (action === 'update' && dup.existingId) {
        insert.run(id, row.row, 'update', json(row.payload), dup.existingId, 'pending', null);
      } else if (action === 'import' && decision?.reason) {
        insert.run(id, row.row, 'create', json({ ...row.payload, duplicateReason: decision.reason }), newId(), 'pending', null);
      } else {
        const reason: CellProblem = {
          field: 'row',
          column: null,
          message: dup.of === 'file' ? 'imports.reasons.duplicateInFile' : 'imports.reasons.duplicateExisting',
          value: dup.of === 'file' ? String(dup.row) : dup.existingCode,
        };
        insert.run(id, row.row, 'skip', null, dup.existingId, 'done', json([reason]));
      }
    }
    tx.audit({
      action: 'imports.start',
      entity: 'imports',
      rowId: id,
      clinicId: input.clinicId,
      detail: { importId: id, fileName, sheet: input.sheet, kind: input.kind, rows: rows.length },
    });
  });
  return id;
}

const taken = (core: Core, nationalId: string | null, selfId: string | null) =>
  nationalId !== null &&
  (
    statement(core.store.sqlite, 'select id from beneficiaries where national_id = ? and deleted_at is null')
      .pluck()
      .all(nationalId) as string[]
  ).some((id) => id !== selfId);

/** Which of these national IDs a live record holds, in one query. */
const takenIds = (core: Core, nationalIds: string[]) =>
  new Set(
    statement(
      core.store.sqlite,
      `select national_id from beneficiaries
         where national_id in (select value from json_each(?)) and national_id is not null and deleted_at is null`,
    )
      .pluck()
      .all(JSON.stringify(nationalIds)) as string[],
  );

const nationalIdTaken = (value: string | null) =>
  JSON.stringify([{ field: 'nationalId', column: null, message: 'beneficiaries.errors.nationalIdTaken', value } satisfies CellProblem]);
const notFound = JSON.stringify([
  { field: 'row', column: null, message: 'beneficiaries.errors.notFound', value: null } satisfies CellProblem,
]);

/** What a batch knows before its first row is written. */
interface Batch {
  clinicCode: string;
  /** The next of the codes reserved for the batch. */
  nextCode(): string;
  /** National IDs a live record holds: those the batch's new records bring, read in one query, then each one the batch writes. */
  takenIds: Set<string>;
  /** Keeps a record's search row, for the batch to write them all in one statement (indexBeneficiaries). */
  index(row: IndexedFields): void;
}

/** What a batch reads of a pending row. */
type PendingRow = Pick<StagedRow, 'row' | 'action' | 'payload' | 'targetId'>;

/**
 * Writes one staged row in the batch's transaction; returns what the row's staged state gains besides being
 * done (nothing for a record created as staged).
 */
function apply(
  core: Core,
  tx: WriteTx,
  user: SessionUser,
  imp: ImportRow,
  batch: Batch,
  staged: PendingRow,
  payload: Record<string, unknown>,
): Partial<StagedRow> {
  const note = { importId: imp.id, fileName: imp.fileName, row: staged.row };
  if (imp.kind === 'sessions') {
    try {
      // A savepoint inside the batch: a session refused now (its staff member left since the preview) is rejected alone.
      const saved = sessionService.create(core, user, payload as z.output<typeof sessionInput>);
      tx.audit({ action: 'imports.row', entity: 'sessions', rowId: saved.session.id, clinicId: imp.clinicId, detail: note });
      return { targetId: saved.session.id };
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      const problems: CellProblem[] = Object.entries(error.fieldErrors ?? { row: [error.message] }).flatMap(([field, messages]) =>
        messages.map((message) => ({ field: 'row' as const, column: field, message, value: null })),
      );
      return { action: 'reject', reason: JSON.stringify(problems) };
    }
  }
  const { duplicateReason, ...fields } = payload as BeneficiaryFields & { duplicateReason?: string };
  const columns = columnsOf(fields, tx.now);
  if (staged.action === 'create') {
    if (columns.nationalId !== null) {
      if (batch.takenIds.has(columns.nationalId)) return { action: 'reject', reason: nationalIdTaken(columns.nationalId) };
      batch.takenIds.add(columns.nationalId);
    }
    insertBeneficiary(core, tx, user.id, batch.clinicCode, columns, tx.now.toISOString(), {
      note: duplicateReason ? { ...note, duplicateReason } : note,
      code: batch.nextCode(),
      id: staged.targetId!,
      index: batch.index,
    });
    return {};
  }
  const before = tx.db.select().from(beneficiaries).where(eq(beneficiaries.id, staged.targetId!)).get();
  if (!before || before.deletedAt) return { action: 'reject', reason: notFound };
  // An update fills in what the file says and keeps the rest: a blank cell never wipes a field.
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    if (key === 'clinicId' || key === 'status' || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if ((key === 'consent' || key === 'birthDateEstimated') && value === false) continue;
    changes[key] = value;
  }
  // As in the update service: only a new ID is checked (two records may share one after a sync, until merged).
  if (changes.nationalId && changes.nationalId !== before.nationalId) {
    if (taken(core, changes.nationalId as string, before.id))
      return { action: 'reject', reason: nationalIdTaken(changes.nationalId as string) };
    batch.takenIds.add(changes.nationalId as string);
  }
  const after = tx.db
    .update(beneficiaries)
    .set({ ...changes, updatedAt: tx.now.toISOString(), updatedBy: user.id })
    .where(eq(beneficiaries.id, before.id))
    .returning()
    .get();
  batch.index(after);
  tx.record({ action: 'beneficiaries.update', entity: 'beneficiaries', rowId: before.id, before, after, sync: true, note });
  return { before: JSON.stringify(before) };
}

/**
 * The rows' new state in one statement (a statement a row cost more than the update itself). The marks are
 * materialised first, so that each is found by the primary key, not every row of the import for each mark.
 */
function markRows(core: Core, importId: string, marks: (Partial<StagedRow> & { row: number })[]): void {
  if (marks.length === 0) return;
  statement(
    core.store.sqlite,
    `with m as materialized (select value ->> 'row' as row, value from json_each(?))
     update import_rows set state = coalesce(m.value ->> 'state', state), action = coalesce(m.value ->> 'action', action),
       target_id = coalesce(m.value ->> 'targetId', target_id), before = coalesce(m.value ->> 'before', before),
       reason = coalesce(m.value ->> 'reason', reason)
     from m where import_id = ? and import_rows.row = m.row`,
  ).run(JSON.stringify(marks), importId);
}

/**
 * The sync digest's insert trigger on beneficiaries, as the schema holds it, for a batch to set aside (withoutTriggers):
 * it counts only rows that came from the server (its WHEN: a server version), never a record made here, yet its mere
 * presence made each insert run the trigger's program and keep an (encrypted) statement journal: about 30 µs of a
 * record's 70.
 */
const digestInsertTrigger = (sqlite: Sqlite) =>
  statement(
    sqlite,
    `select name, sql from sqlite_master where type = 'trigger' and name = 'sync_digest_beneficiaries_insert'`,
  ).all() as Trigger[];

/**
 * One batch: the next pending rows, their records, audit and outbox entries,
 * and their staged state, in ONE transaction. Returns the rows written (0: none left).
 */
export function writeBatch(core: Core, user: SessionUser, importId: string, rows = BATCH_ROWS): number {
  return core.write({ userId: user.id }, (tx) => {
    const imp = importRow(core, importId);
    const clinic = tx.db.select().from(clinics).where(eq(clinics.id, imp.clinicId)).get();
    if (!clinic) throw new CoreError('VALIDATION', 'errors.invalid', { clinicId: ['clinics.errors.notFound'] });
    const batch = statement(
      core.store.sqlite,
      `select row, action, payload, target_id as targetId from import_rows where import_id = ? and state = 'pending' order by row limit ?`,
    ).all(importId, rows) as PendingRow[];
    const payloads = batch.map((staged) => JSON.parse(staged.payload ?? '{}') as Record<string, unknown>);
    const newIds: string[] = [];
    let creates = 0;
    if (imp.kind === 'beneficiaries')
      batch.forEach((staged, i) => {
        if (staged.action !== 'create') return;
        creates++;
        if (payloads[i]!.nationalId) newIds.push(payloads[i]!.nationalId as string);
      });
    // The batch's record codes in one update; a row refused at write time leaves a gap in the sequence.
    const reserved = reserveCodes(core.store.sqlite, clinic.code, creates);
    let used = 0;
    const search: IndexedFields[] = [];
    const state: Batch = {
      clinicCode: clinic.code,
      nextCode: () => reserved[used++]!,
      takenIds: takenIds(core, newIds),
      index: (row) => void search.push(row),
    };
    const marks: (Partial<StagedRow> & { row: number })[] = [];
    const applyAll = () =>
      batch.forEach((staged, i) => {
        const mark = apply(core, tx, user, imp, state, staged, payloads[i]!);
        if (Object.keys(mark).length > 0) marks.push({ row: staged.row, ...mark });
      });
    if (creates > 0) withoutTriggers(core.store.sqlite, digestInsertTrigger(core.store.sqlite), applyAll);
    else applyAll();
    // The batch is every pending row up to its last: all are done, in one statement; the few with more to say, after.
    if (batch.length > 0)
      statement(core.store.sqlite, `update import_rows set state = 'done' where import_id = ? and state = 'pending' and row <= ?`).run(
        importId,
        batch.at(-1)!.row,
      );
    markRows(core, importId, marks);
    indexBeneficiaries(core.store.sqlite, search);
    tx.db.update(imports).set({ updatedAt: tx.now.toISOString() }).where(eq(imports.id, importId)).run();
    return batch.length;
  });
}

/** Undoes one batch of what the import wrote, newest first: created records become tombstones, updated ones get their values back. */
export function rollbackBatch(core: Core, user: SessionUser, importId: string, rows = BATCH_ROWS): number {
  return core.write({ userId: user.id }, (tx) => {
    const imp = importRow(core, importId);
    const batch = statement(
      core.store.sqlite,
      `select row, action, target_id as targetId, before from import_rows
         where import_id = ? and state = 'done' and action in ('create', 'update') order by row desc limit ?`,
    ).all(importId, rows) as Pick<StagedRow, 'row' | 'action' | 'targetId' | 'before'>[];
    const at = tx.now.toISOString();
    const stamp = { updatedAt: at, updatedBy: user.id };
    const note = (row: number) => ({ importId, fileName: imp.fileName, row });
    for (const staged of batch) {
      if (imp.kind === 'sessions') {
        const session = tx.db.select().from(sessions).where(eq(sessions.id, staged.targetId!)).get();
        if (session && !session.deletedAt) {
          for (const attendee of tx.db.select().from(sessionAttendees).where(eq(sessionAttendees.sessionId, session.id)).all()) {
            if (attendee.deletedAt) continue;
            const after = tx.db
              .update(sessionAttendees)
              .set({ deletedAt: at, ...stamp })
              .where(eq(sessionAttendees.id, attendee.id))
              .returning()
              .get();
            tx.record({
              action: 'imports.rollback',
              entity: 'session_attendees',
              rowId: attendee.id,
              before: attendee,
              after,
              sync: true,
              clinicId: session.clinicId,
              note: note(staged.row),
            });
          }
          const after = tx.db
            .update(sessions)
            .set({ deletedAt: at, ...stamp })
            .where(eq(sessions.id, session.id))
            .returning()
            .get();
          tx.record({
            action: 'imports.rollback',
            entity: 'sessions',
            rowId: session.id,
            before: session,
            after,
            sync: true,
            note: note(staged.row),
          });
        }
      } else if (staged.action === 'create') {
        const before = tx.db.select().from(beneficiaries).where(eq(beneficiaries.id, staged.targetId!)).get();
        if (before && !before.deletedAt) {
          const after = tx.db
            .update(beneficiaries)
            .set({ deletedAt: at, ...stamp })
            .where(eq(beneficiaries.id, before.id))
            .returning()
            .get();
          unindexBeneficiary(core.store.sqlite, before.id);
          tx.record({
            action: 'imports.rollback',
            entity: 'beneficiaries',
            rowId: before.id,
            before,
            after,
            sync: true,
            note: note(staged.row),
          });
        }
      } else {
        const current = tx.db.select().from(beneficiaries).where(eq(beneficiaries.id, staged.targetId!)).get();
        const old = JSON.parse(staged.before!) as typeof beneficiaries.$inferSelect;
        if (current && !current.deletedAt) {
          const {
            id: _id,
            createdAt: _c,
            createdBy: _cb,
            updatedAt: _u,
            updatedBy: _ub,
            serverVersion: _v,
            deletedAt: _d,
            ...values
          } = old;
          const after = tx.db
            .update(beneficiaries)
            .set({ ...values, ...stamp })
            .where(eq(beneficiaries.id, current.id))
            .returning()
            .get();
          indexBeneficiary(core.store.sqlite, after);
          tx.record({
            action: 'imports.rollback',
            entity: 'beneficiaries',
            rowId: current.id,
            before: current,
            after,
            sync: true,
            note: note(staged.row),
          });
        }
      }
    }
    markRows(
      core,
      importId,
      batch.map((staged) => ({ row: staged.row, state: 'rolledBack' as const })),
    );
    if (batch.length === 0) {
      // Nothing written is left: rows never reached are rolled back too, so the import cannot be resumed.
      statement(core.store.sqlite, `update import_rows set state = 'rolledBack' where import_id = ? and state = 'pending'`).run(importId);
      tx.db.update(imports).set({ status: 'rolledBack', updatedAt: at }).where(eq(imports.id, importId)).run();
      tx.audit({
        action: 'imports.rolledBack',
        entity: 'imports',
        rowId: importId,
        clinicId: imp.clinicId,
        detail: { importId, fileName: imp.fileName },
      });
    }
    return batch.length;
  });
}

function setStatus(core: Core, user: SessionUser, importId: string, status: ImportRow['status'], action: string) {
  core.write({ userId: user.id }, (tx) => {
    const imp = importRow(core, importId);
    tx.db.update(imports).set({ status, updatedAt: tx.now.toISOString() }).where(eq(imports.id, importId)).run();
    tx.audit({
      action,
      entity: 'imports',
      rowId: importId,
      clinicId: imp.clinicId,
      detail: { importId, fileName: imp.fileName, ...counts(core, importId) },
    });
  });
}

/**
 * The import as a job: batch after batch, letting other calls in between
 * (progress, cancel). Registered with core.jobs so an update waits for it.
 */
function launch(core: Core, user: SessionUser, importId: string, mode: 'write' | 'rollback'): void {
  const job = core.jobs.begin('import');
  const entry: Active = { cancelled: false, done: Promise.resolve() };
  activeOf(core).set(importId, entry);
  const untune = tuneForImport(core.store.sqlite);
  const size = batchSizer(BATCH_ROWS);
  entry.done = (async () => {
    try {
      for (;;) {
        await yieldToEvents();
        if (entry.cancelled) {
          // A stopped rollback stays "rolling back" (shown as interrupted): resuming it carries on undoing.
          if (mode === 'write') setStatus(core, user, importId, 'cancelled', 'imports.cancel');
          return;
        }
        const started = performance.now();
        const written = mode === 'write' ? writeBatch(core, user, importId, size.rows) : rollbackBatch(core, user, importId, size.rows);
        if (written === 0) break;
        size.took(written, performance.now() - started);
        await yieldToEvents();
        copyLogIfDue(core.store.sqlite, written);
      }
      if (mode === 'write') setStatus(core, user, importId, 'done', 'imports.finish');
    } catch (error) {
      // The failed batch rolled back whole; the import shows as interrupted and can be resumed or rolled back.
      core.log.log('error', 'imports.failed', { error });
    } finally {
      untune();
      activeOf(core).delete(importId);
      job.end();
    }
  })();
}

export async function start(core: Core, user: SessionUser, input: z.output<typeof startInput>): Promise<ImportSummary> {
  const id = await stage(core, user, input);
  launch(core, user, id, 'write');
  return get(core, user, id);
}

/** Carries on from the first row not yet written: after a cancel, or after the app stopped mid-import. */
export function resume(core: Core, user: SessionUser, id: string): ImportSummary {
  const imp = visibleImport(core, user, id);
  if (activeOf(core).has(id)) throw new CoreError('CONFLICT', 'imports.errors.running');
  if (imp.status === 'done' || imp.status === 'rolledBack') throw new CoreError('CONFLICT', 'imports.errors.finished');
  const mode = imp.status === 'rollingBack' ? 'rollback' : 'write';
  if (imp.status === 'cancelled') setStatus(core, user, id, 'running', 'imports.resume');
  launch(core, user, id, mode);
  return get(core, user, id);
}

export function cancel(core: Core, user: SessionUser, id: string): ImportSummary {
  visibleImport(core, user, id);
  const entry = activeOf(core).get(id);
  if (entry) entry.cancelled = true;
  return get(core, user, id);
}

/** Waits for a running job of this import to stop (tests, and rollback after a cancel). */
export async function settled(core: Core, id: string): Promise<void> {
  await activeOf(core).get(id)?.done;
}

/** Undoes the whole import, whatever state it is in; a running import is stopped first. */
export async function rollback(core: Core, user: SessionUser, id: string): Promise<ImportSummary> {
  const imp = visibleImport(core, user, id);
  if (imp.status === 'rolledBack') throw new CoreError('CONFLICT', 'imports.errors.finished');
  const entry = activeOf(core).get(id);
  if (entry) {
    entry.cancelled = true;
    await entry.done;
  }
  setStatus(core, user, id, 'rollingBack', 'imports.rollbackStart');
  launch(core, user, id, 'rollback');
  return get(core, user, id);
}
