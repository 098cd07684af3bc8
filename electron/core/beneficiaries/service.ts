import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type {
  Beneficiary,
  BeneficiaryFields,
  BeneficiaryStatus,
  DuplicateCandidate,
  registerInput,
  updateInput,
} from '../../../common/beneficiaries';
import type { Db, Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { beneficiaries, clinics, sessionAttendees } from '../../../db/schema';
import * as audit from '../audit/service';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';
import { newId } from '../ids';
import { findDuplicates } from './queries';
import { indexBeneficiary, unindexBeneficiary } from './search-index';

type Row = typeof beneficiaries.$inferSelect;

export function toBeneficiary(row: Row): Beneficiary {
  const { createdBy: _cb, updatedBy: _ub, deletedAt: _d, serverVersion: _v, ...rest } = row;
  return rest;
}

const inClinics = (user: SessionUser, clinicId: string) => user.role === 'admin' || user.clinicIds.includes(clinicId);

/** A live record the user may see, or NOT_FOUND (never FORBIDDEN: that would confirm it exists). */
function visible(db: Db, user: SessionUser, id: string): Row {
  const row = db
    .select()
    .from(beneficiaries)
    .where(and(eq(beneficiaries.id, id), isNull(beneficiaries.deletedAt)))
    .get();
  if (!row || !inClinics(user, row.clinicId)) throw new CoreError('NOT_FOUND', 'beneficiaries.errors.notFound');
  return row;
}

/** The stored columns for the form's fields: an estimated age becomes an approximate birth year. */
export function columnsOf(input: BeneficiaryFields, now: Date) {
  const { estimatedAge, ...rest } = input;
  const estimated = !input.birthDate && estimatedAge != null;
  return {
    ...rest,
    birthDate: estimated ? `${now.getUTCFullYear() - estimatedAge}-01-01` : input.birthDate,
    birthDateEstimated: estimated,
  };
}

function refuseTakenNationalId(db: Db, nationalId: string | null, selfId: string | null) {
  if (!nationalId) return;
  const other = db
    .select({ id: beneficiaries.id, code: beneficiaries.code })
    .from(beneficiaries)
    .where(and(eq(beneficiaries.nationalId, nationalId), isNull(beneficiaries.deletedAt)))
    .get();
  if (other && other.id !== selfId) {
    throw new CoreError(
      'CONFLICT',
      'beneficiaries.errors.nationalIdTaken',
      { nationalId: ['beneficiaries.errors.nationalIdTaken'] },
      {
        existingId: other.id,
        existingCode: other.code,
      },
    );
  }
}

/**
 * The next `count` codes, KIS-7F3-0042: clinic code, this device's short code, this device's next sequence number.
 * Reserved in one statement, so that an import or a seed writing many records spends one update, not one a record.
 */
export function reserveCodes(sqlite: Sqlite, clinicCode: string, count: number): string[] {
  if (count === 0) return [];
  const { last, device } = statement(
    sqlite,
    'update sync_state set code_seq = code_seq + ? where id = 1 returning code_seq as last, device_code as device',
  ).get(count) as { last: number; device: string };
  return Array.from({ length: count }, (_, i) => `${clinicCode}-${device}-${String(last - count + 1 + i).padStart(4, '0')}`);
}

export function duplicates(core: Core, user: SessionUser, input: BeneficiaryFields & { id?: string }): DuplicateCandidate[] {
  const person = columnsOf(input, core.now());
  return findDuplicates(core.store.sqlite, user, person, input.id ?? null);
}

export function register(core: Core, user: SessionUser, input: z.output<typeof registerInput>): Beneficiary {
  if (!inClinics(user, input.clinicId)) throw new CoreError('VALIDATION', 'errors.invalid', { clinicId: ['clinics.errors.notFound'] });
  const { duplicateReason, ...fields } = input;
  return core.write({ userId: user.id }, (tx) => {
    const clinic = tx.db.select().from(clinics).where(eq(clinics.id, fields.clinicId)).get();
    if (!clinic) throw new CoreError('VALIDATION', 'errors.invalid', { clinicId: ['clinics.errors.notFound'] });
    const columns = columnsOf(fields, tx.now);
    refuseTakenNationalId(tx.db, columns.nationalId, null);
    const candidates = findDuplicates(core.store.sqlite, user, columns, null);
    if (candidates.length > 0 && !duplicateReason) {
      throw new CoreError('CONFLICT', 'beneficiaries.errors.probableDuplicates', undefined, { candidates });
    }
    const note = candidates.length > 0 ? { duplicateReason, candidates: candidates.map((c) => c.id) } : undefined;
    const row = insertBeneficiary(core, tx, user.id, clinic.code, columns, tx.now.toISOString(), { note });
    return toBeneficiary(row);
  });
}

/** What a caller writing many records brings to insertBeneficiary. */
export interface InsertOptions {
  /** More for the audit entry (an import's file and row). */
  note?: Record<string, unknown>;
  /** A code from those the caller reserved together (reserveCodes). */
  code?: string;
  /** The record's id, when the caller chose it beforehand (an import stages it with the row). */
  id?: string;
  /** Collects the search row, for the caller to write them together (indexBeneficiaries) before its transaction ends. */
  index?: (row: Row) => void;
}

/** The write itself: row, code, search index, audit and outbox. Also used by imports and the demo-data generator. */
export function insertBeneficiary(
  core: Core,
  tx: WriteTx,
  userId: string,
  clinicCode: string,
  columns: ReturnType<typeof columnsOf>,
  at: string,
  options: InsertOptions = {},
): Row {
  const { sqlite } = core.store;
  const {
    note,
    code = reserveCodes(sqlite, clinicCode, 1)[0]!,
    id = newId(),
    index = (row: Row) => indexBeneficiary(sqlite, row),
  } = options;
  const row: Row = {
    id,
    code,
    ...columns,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    createdBy: userId,
    updatedBy: userId,
    deletedAt: null,
    serverVersion: null,
  };
  // The one insert every registration, import and seed makes: a prepared statement, not the query builder, and
  // positional values (an object of named ones was copied and read back by name, a second of 100,000 imported).
  statement(
    sqlite,
    `insert into beneficiaries (id, clinic_id, code, given_name, family_name, other_names, sex, birth_date, birth_date_estimated,
       national_id, phone, address, preferred_language, consent, consent_date, status, tags, notes, created_at, updated_at, created_by, updated_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.clinicId,
    row.code,
    row.givenName,
    row.familyName,
    row.otherNames,
    row.sex,
    row.birthDate,
    row.birthDateEstimated ? 1 : 0,
    row.nationalId,
    row.phone,
    row.address,
    row.preferredLanguage,
    row.consent ? 1 : 0,
    row.consentDate,
    row.status,
    JSON.stringify(row.tags),
    row.notes,
    row.createdAt,
    row.updatedAt,
    row.createdBy,
    row.updatedBy,
  );
  index(row);
  tx.record({ action: 'beneficiaries.register', entity: 'beneficiaries', rowId: row.id, before: null, after: row, sync: true, note });
  return row;
}

export function update(core: Core, user: SessionUser, input: z.output<typeof updateInput>): Beneficiary {
  const { id, ...fields } = input;
  if (!inClinics(user, fields.clinicId)) throw new CoreError('VALIDATION', 'errors.invalid', { clinicId: ['clinics.errors.notFound'] });
  return core.write({ userId: user.id }, (tx) => {
    const before = visible(tx.db, user, id);
    const columns = columnsOf(fields, tx.now);
    // An unchanged approximate birth year stays as it was, rather than drifting with the age.
    if (before.birthDateEstimated && columns.birthDateEstimated && before.birthDate?.slice(0, 4) === columns.birthDate?.slice(0, 4)) {
      columns.birthDate = before.birthDate;
    }
    // Only a new ID is checked: two records may share one after a sync (a probable duplicate to merge), and each stays editable.
    if (columns.nationalId !== before.nationalId) refuseTakenNationalId(tx.db, columns.nationalId, id);
    const after = tx.db
      .update(beneficiaries)
      .set({ ...columns, updatedAt: tx.now.toISOString(), updatedBy: user.id })
      .where(eq(beneficiaries.id, id))
      .returning()
      .get();
    indexBeneficiary(core.store.sqlite, after);
    tx.record({ action: 'beneficiaries.update', entity: 'beneficiaries', rowId: id, before, after, sync: true });
    return toBeneficiary(after);
  });
}

/** Opening a profile is audited: it is health data. A merged record points to the one it was merged into. */
export function view(core: Core, user: SessionUser, id: string): Beneficiary {
  const { db } = core.store;
  const merged = db.select({ into: beneficiaries.mergedInto }).from(beneficiaries).where(eq(beneficiaries.id, id)).get()?.into;
  if (merged) {
    visible(db, user, merged);
    throw new CoreError('NOT_FOUND', 'beneficiaries.errors.merged', undefined, { mergedInto: merged });
  }
  const row = visible(db, user, id);
  core.audit({ userId: user.id }, { action: 'beneficiaries.view', entity: 'beneficiaries', rowId: id, clinicId: row.clinicId });
  return toBeneficiary(row);
}

/** Who changed which field, from what to what, and when (views are left to the audit viewer). */
export function history(core: Core, user: SessionUser, id: string): AuditEntry[] {
  visible(core.store.db, user, id);
  return audit.recent(core, { entity: 'beneficiaries', rowId: id, limit: 500 }).filter((entry) => entry.action !== 'beneficiaries.view');
}

/** Archive and restore replace deletion for everyone but an admin's erasure. */
export function setStatus(core: Core, user: SessionUser, id: string, status: BeneficiaryStatus): Beneficiary {
  return core.write({ userId: user.id }, (tx) => {
    const before = visible(tx.db, user, id);
    const after = tx.db
      .update(beneficiaries)
      .set({ status, updatedAt: tx.now.toISOString(), updatedBy: user.id })
      .where(eq(beneficiaries.id, id))
      .returning()
      .get();
    const action = status === 'archived' ? 'beneficiaries.archive' : 'beneficiaries.restore';
    tx.record({ action, entity: 'beneficiaries', rowId: id, before, after, sync: true });
    return toBeneficiary(after);
  });
}

/**
 * Erasure: the personal fields are blanked and the row becomes a tombstone
 * that syncs. The audit entry names the fields and the reason, not the values.
 */
export function erase(core: Core, user: SessionUser, id: string, reason: string): void {
  core.write({ userId: user.id }, (tx) => {
    const before = visible(tx.db, user, id);
    const at = tx.now.toISOString();
    const after = tx.db
      .update(beneficiaries)
      .set({
        givenName: '',
        familyName: '',
        otherNames: null,
        sex: null,
        birthDate: null,
        birthDateEstimated: false,
        nationalId: null,
        phone: null,
        address: null,
        preferredLanguage: null,
        tags: [],
        notes: null,
        deletedAt: at,
        updatedAt: at,
        updatedBy: user.id,
      })
      .where(eq(beneficiaries.id, id))
      .returning()
      .get();
    unindexBeneficiary(core.store.sqlite, id);
    tx.record({
      action: 'beneficiaries.erase',
      entity: 'beneficiaries',
      rowId: id,
      before,
      after,
      sync: true,
      redact: true,
      note: { reason },
    });
  });
}

const fillable = ['otherNames', 'sex', 'birthDate', 'nationalId', 'phone', 'address', 'preferredLanguage', 'consentDate', 'notes'] as const;

/**
 * Merge: the duplicate's sessions move to the survivor, the survivor takes
 * the duplicate's values for fields it lacks, and the duplicate becomes a
 * tombstone pointing at the survivor. One transaction; it syncs like any change.
 */
export function merge(core: Core, user: SessionUser, survivorId: string, duplicateId: string): Beneficiary {
  return core.write({ userId: user.id }, (tx) => {
    const survivor = visible(tx.db, user, survivorId);
    const duplicate = visible(tx.db, user, duplicateId);
    const at = tx.now.toISOString();
    const stamp = { updatedAt: at, updatedBy: user.id };

    const attended = new Set(
      tx.db
        .select({ sessionId: sessionAttendees.sessionId })
        .from(sessionAttendees)
        .where(and(eq(sessionAttendees.beneficiaryId, survivorId), isNull(sessionAttendees.deletedAt)))
        .all()
        .map((r) => r.sessionId),
    );
    const moving = tx.db
      .select()
      .from(sessionAttendees)
      .where(and(eq(sessionAttendees.beneficiaryId, duplicateId), isNull(sessionAttendees.deletedAt)))
      .all();
    for (const before of moving) {
      // Both were in the same session: one attendance is enough.
      const change = attended.has(before.sessionId) ? { deletedAt: at } : { beneficiaryId: survivorId };
      const after = tx.db
        .update(sessionAttendees)
        .set({ ...change, ...stamp })
        .where(eq(sessionAttendees.id, before.id))
        .returning()
        .get();
      tx.record({
        action: 'beneficiaries.merge',
        entity: 'session_attendees',
        rowId: before.id,
        before,
        after,
        sync: true,
        note: { survivorId, duplicateId },
        clinicId: survivor.clinicId,
      });
    }

    const tombstone = tx.db
      .update(beneficiaries)
      .set({ deletedAt: at, mergedInto: survivorId, ...stamp })
      .where(eq(beneficiaries.id, duplicateId))
      .returning()
      .get();
    unindexBeneficiary(core.store.sqlite, duplicateId);
    tx.record({
      action: 'beneficiaries.merge',
      entity: 'beneficiaries',
      rowId: duplicateId,
      before: duplicate,
      after: tombstone,
      sync: true,
      note: { survivorId },
    });

    const filled: Partial<Row> = {};
    for (const field of fillable)
      if (survivor[field] == null && duplicate[field] != null) Object.assign(filled, { [field]: duplicate[field] });
    if (filled.birthDate) filled.birthDateEstimated = duplicate.birthDateEstimated;
    const tags = [...new Set([...survivor.tags, ...duplicate.tags])];
    const after = tx.db
      .update(beneficiaries)
      .set({ ...filled, tags, ...stamp })
      .where(eq(beneficiaries.id, survivorId))
      .returning()
      .get();
    indexBeneficiary(core.store.sqlite, after);
    tx.record({
      action: 'beneficiaries.merge',
      entity: 'beneficiaries',
      rowId: survivorId,
      before: survivor,
      after,
      sync: true,
      note: { duplicateId, duplicateCode: duplicate.code },
    });
    return toBeneficiary(after);
  });
}
