import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import { fieldsOf, type ImportField, type ImportPreview, type Mapping, type previewInput } from '../../../common/imports';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { table as tableOf } from './files';
import { type PlanContext, type PlannedRow, peopleLookups, planPerson } from './plan-people';
import { planSession, sessionLookups } from './plan-sessions';
import type { RawRow, Table } from './table';
import { detectDateOrder } from './transform';

/** Problem rows sent to the screen; the counts cover every row, and the end report lists them all. */
const PREVIEW_ROWS = 2000;
/** Rows judged between two turns of the event loop: other calls wait at most this long behind a preview. */
const CHUNK_ROWS = 1000;
/** Plans remade because something was written during them; the last try runs without yielding, so it always holds. */
const YIELDING_TRIES = 2;

export type PlanInput = z.output<typeof previewInput>;

/** Only the fields of this kind, and only columns the sheet has. */
function cleanMapping(input: PlanInput, table: Table): Mapping {
  const allowed = new Set<string>(fieldsOf(input.kind));
  const mapping: Mapping = {};
  for (const [field, column] of Object.entries(input.mapping))
    if (allowed.has(field) && column < table.headers.length) mapping[field as ImportField] = column;
  return mapping;
}

export interface Plan {
  preview: ImportPreview;
  rows: PlannedRow[];
  fileName: string;
}

/**
 * The last plan per core, with the audit position it was made at: starting
 * the import right after its preview reuses it, unless anything was written
 * since (every write leaves an audit entry), in which case it is made again.
 */
const lastPlan = new WeakMap<Core, { key: string; seq: number; plan: Plan }>();
const auditPosition = (core: Core) => (core.store.sqlite.prepare('select max(seq) from audit_log').pluck().get() as number | null) ?? 0;

/**
 * The plan of the whole sheet, made in chunks that let other calls in between.
 * It holds as of the moment it resolves: a plan during which anything was
 * written is made again, so the caller may stage it at once (in the same turn).
 */
export async function plan(core: Core, user: SessionUser, input: PlanInput): Promise<Plan> {
  const { fileId, sheet, kind, mapping, dateOrder, clinicId, timeZone } = input;
  const key = JSON.stringify([user.id, fileId, sheet, kind, mapping, dateOrder, clinicId, timeZone]);
  for (let tries = 0; ; tries++) {
    const seq = auditPosition(core);
    const cached = lastPlan.get(core);
    if (cached && cached.key === key && cached.seq === seq) return cached.plan;
    const made = await makePlan(core, user, input, tries < YIELDING_TRIES);
    if (auditPosition(core) !== seq) continue;
    lastPlan.set(core, { key, seq, plan: made });
    return made;
  }
}

/** Lets go of the last plan once its rows are staged (a plan of 100,000 rows is large). */
export function forgetPlan(core: Core): void {
  lastPlan.delete(core);
}

/** Judges every row of the sheet: nothing is written. */
async function makePlan(core: Core, user: SessionUser, input: PlanInput, yielding: boolean): Promise<Plan> {
  if (user.role !== 'admin' && !user.clinicIds.includes(input.clinicId))
    throw new CoreError('VALIDATION', 'errors.invalid', { clinicId: ['clinics.errors.notFound'] });
  const { file, table } = tableOf(core, user.id, input.fileId, input.sheet);
  const mapping = cleanMapping(input, table);
  const dateFields: ImportField[] = input.kind === 'beneficiaries' ? ['birthDate', 'consentDate'] : ['date'];
  const dates = dateFields.flatMap((field) =>
    mapping[field] === undefined ? [] : table.rows.map((row) => (row.cells[mapping[field]!] ?? '').trim().split(/[ T]/)[0]!),
  );
  const detected = detectDateOrder(dates);
  const order = input.dateOrder !== 'auto' ? input.dateOrder : detected === 'dmy' || detected === 'mdy' ? detected : null;
  const ctx: PlanContext = { core, user, table, mapping, order, clinicId: input.clinicId };
  let planRow: (row: RawRow) => PlannedRow;
  if (input.kind === 'beneficiaries') {
    const lookups = peopleLookups(ctx);
    planRow = (row) => planPerson(ctx, row, lookups);
  } else {
    const lookups = sessionLookups(ctx);
    planRow = (row) => planSession({ ...ctx, timeZone: input.timeZone }, row, lookups);
  }
  const rows: PlannedRow[] = [];
  for (const row of table.rows) {
    if (yielding && rows.length > 0 && rows.length % CHUNK_ROWS === 0) await yieldToEvents();
    rows.push(planRow(row));
  }
  const problems = rows.filter((row) => row.status !== 'valid');
  const preview: ImportPreview = {
    total: rows.length,
    valid: rows.length - problems.length,
    invalid: problems.filter((row) => row.status === 'invalid').length,
    duplicates: problems.filter((row) => row.status === 'duplicate').length,
    detectedDateOrder: detected,
    rows: problems.slice(0, PREVIEW_ROWS).map(({ payload: _p, ...row }) => row),
    rowsTruncated: problems.length > PREVIEW_ROWS,
  };
  return { preview, rows, fileName: file.info.fileName };
}
