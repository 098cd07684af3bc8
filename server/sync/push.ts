import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { parseHlc } from '../../common/hlc';
import type { ConflictRecord, Mutation, PushEntity, PushResult } from '../../common/sync';
import type { Tx } from '../store/open';
import { auditEntries, devices, mutationResults, rows, type FieldMeta } from '../store/schema';
import { bookkeepingFields, entityFields, pushRoles } from '../entities';
import { lockWriters, nextVersion } from './versions';

export interface Pusher {
  userId: string;
  role: string;
  clinicIds: string[];
  deviceId: string;
}

/** The server refuses HLCs further ahead of its clock than this (SYNC.md, Clock). */
export const maxClockSkewMs = 5 * 60 * 1000;

type Rejection = NonNullable<PushResult['reason']>;
class Refusal extends Error {
  constructor(readonly reason: Rejection) {
    super(reason.message);
  }
}
const refuse = (code: Rejection['code'], message: string) => new Refusal({ code, message });

/**
 * Applies a batch in seq order inside one transaction holding the writer
 * lock. A seq already used answers its stored result; a seq past the next
 * expected one is refused (SEQ_GAP) without using anything up; a permanent
 * refusal uses up its seq like an applied mutation (guarantees 2 and 3).
 */
export async function applyPush(tx: Tx, pusher: Pusher, mutations: Mutation[], nowMs: number): Promise<PushResult[]> {
  await lockWriters(tx);
  const [device] = await tx.select().from(devices).where(eq(devices.id, pusher.deviceId));
  let lastSeq = device?.lastSeq ?? 0;
  const results: PushResult[] = [];
  for (const m of mutations) {
    if (m.seq <= lastSeq) {
      const [stored] = await tx
        .select({ result: mutationResults.result })
        .from(mutationResults)
        .where(and(eq(mutationResults.deviceId, pusher.deviceId), eq(mutationResults.seq, m.seq)));
      results.push((stored?.result as PushResult | undefined) ?? { seq: m.seq, status: 'applied', version: null });
      continue;
    }
    if (m.seq > lastSeq + 1) {
      results.push({
        seq: m.seq,
        status: 'rejected',
        version: null,
        reason: { code: 'SEQ_GAP', message: `Expected seq ${lastSeq + 1} first; send the missing mutations, then this one again.` },
      });
      continue;
    }
    let result: PushResult;
    try {
      result = await applyOne(tx, pusher, m, nowMs);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      result = { seq: m.seq, status: 'rejected', version: null, reason: error.reason };
    }
    await tx.insert(mutationResults).values({ deviceId: pusher.deviceId, seq: m.seq, result });
    lastSeq = m.seq;
    results.push(result);
  }
  await tx.update(devices).set({ lastSeq }).where(eq(devices.id, pusher.deviceId));
  return results;
}

async function applyOne(tx: Tx, pusher: Pusher, m: Mutation, nowMs: number): Promise<PushResult> {
  if (parseHlc(m.hlc).wallMs > nowMs + maxClockSkewMs) {
    throw refuse('CLOCK_SKEW', 'The clock stamp is more than 5 minutes ahead of the server: correct the clock, then resend.');
  }
  if (m.id !== m.row_id) throw refuse('VALIDATION', 'id and row_id differ.');
  if (!pushRoles[m.entity].includes(pusher.role)) throw refuse('FORBIDDEN', `Your role may not change ${m.entity}.`);
  if (m.entity === 'audit_log') return appendAudit(tx, pusher, m, nowMs);

  const { id: _id, serverVersion: _serverVersion, ...rawFields } = m.fields;
  if (_id !== undefined && _id !== m.row_id) throw refuse('VALIDATION', 'fields.id differs from row_id.');
  const parsed = entityFields[m.entity].safeParse(rawFields);
  if (!parsed.success) throw refuse('VALIDATION', describeIssues(parsed.error.issues));
  const fields: Record<string, unknown> = { ...rawFields };

  const [existing] = await tx
    .select()
    .from(rows)
    .where(and(eq(rows.entity, m.entity), eq(rows.rowId, m.row_id)));
  if (m.op === 'delete') {
    if (!existing) throw refuse('UNKNOWN_ROW', `No ${m.entity} row ${m.row_id} on the server.`);
    fields.deletedAt ??= new Date(parseHlc(m.hlc).wallMs).toISOString();
    if (m.entity === 'beneficiaries' && pusher.role !== 'admin') throw refuse('FORBIDDEN', 'Only an admin may erase a beneficiary.');
  }
  if (m.entity === 'beneficiaries' && fields.mergedInto && pusher.role === 'staff') {
    throw refuse('FORBIDDEN', 'Only a manager or an admin may merge beneficiaries.');
  }

  const merged = { ...(existing?.data ?? {}) } as Record<string, unknown>;
  const meta = { ...(existing?.fieldMeta ?? {}) } as Record<string, FieldMeta>;
  const version = await nextVersion(tx);
  const lost: {
    field: string;
    kept: unknown;
    lost: unknown;
    keptBy: string | null;
    lostBy: string | null;
    keptHlc: string;
    lostHlc: string;
  }[] = [];
  const incomingDevice = parseHlc(m.hlc).deviceId;

  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const before = meta[field];
    if (before && m.hlc === before.hlc) continue; // this very edit, already merged
    // The device had seen the value it replaces: its edit comes after, whatever the clocks say.
    const seen = before !== undefined && m.base_version !== null && m.base_version >= before.version;
    const sameDevice = before !== undefined && parseHlc(before.hlc).deviceId === incomingDevice;
    const incomingWins = !before || seen || m.hlc > before.hlc;
    // Concurrent: another device set the field in a version this one had not seen.
    if (before && !seen && !sameDevice && !bookkeepingFields.has(field) && !sameValue(merged[field], value)) {
      lost.push(
        incomingWins
          ? { field, kept: value, lost: merged[field], keptBy: pusher.userId, lostBy: before.by, keptHlc: m.hlc, lostHlc: before.hlc }
          : { field, kept: merged[field], lost: value, keptBy: before.by, lostBy: pusher.userId, keptHlc: before.hlc, lostHlc: m.hlc },
      );
    }
    if (incomingWins) {
      merged[field] = value;
      meta[field] = { hlc: m.hlc, version, by: pusher.userId };
    }
  }

  const clinicIds = await clinicsOf(tx, m.entity, merged, existing?.clinicIds);
  for (const clinicId of new Set([...clinicIds, ...(existing?.clinicIds ?? [])])) {
    if (!pusher.clinicIds.includes(clinicId)) throw refuse('FORBIDDEN', 'This row belongs to a clinic you are not a member of.');
  }
  merged.id = m.row_id;
  const deleted = merged.deletedAt !== null && merged.deletedAt !== undefined;
  const values = { entity: m.entity, rowId: m.row_id, clinicIds, version, deleted, data: merged, fieldMeta: meta };
  if (existing) {
    await tx
      .update(rows)
      .set(values)
      .where(and(eq(rows.entity, m.entity), eq(rows.rowId, m.row_id)));
  } else {
    await tx.insert(rows).values(values);
  }

  const conflicts: ConflictRecord[] = [];
  for (const c of lost) {
    const record: ConflictRecord = {
      id: uuidv7(),
      entity: m.entity,
      row_id: m.row_id,
      field: c.field,
      kept_value: c.kept,
      lost_value: c.lost,
      kept_by: c.keptBy,
      lost_by: c.lostBy,
      kept_hlc: c.keptHlc,
      lost_hlc: c.lostHlc,
    };
    await storeConflict(tx, record, clinicIds, nowMs);
    conflicts.push(record);
  }
  return conflicts.length > 0 ? { seq: m.seq, status: 'applied', version, conflicts } : { seq: m.seq, status: 'applied', version };
}

/** Which clinics receive the row: its own clinic, or for attendees and conflicts, the clinic of the row they belong to. */
async function clinicsOf(tx: Tx, entity: PushEntity, data: Record<string, unknown>, current: string[] | undefined): Promise<string[]> {
  if (entity === 'beneficiaries' || entity === 'sessions') {
    if (typeof data.clinicId !== 'string') throw refuse('VALIDATION', 'clinicId is required.');
    return [data.clinicId];
  }
  if (current) return current;
  const parent =
    entity === 'session_attendees' ? { entity: 'sessions', rowId: data.sessionId } : { entity: data.entity, rowId: data.rowId }; // conflicts
  if (typeof parent.rowId !== 'string' || typeof parent.entity !== 'string') {
    throw refuse('VALIDATION', entity === 'session_attendees' ? 'sessionId is required.' : 'entity and rowId are required.');
  }
  const [row] = await tx
    .select({ clinicIds: rows.clinicIds })
    .from(rows)
    .where(and(eq(rows.entity, parent.entity), eq(rows.rowId, parent.rowId)));
  if (!row) throw refuse('UNKNOWN_ROW', `The ${parent.entity} row ${parent.rowId} is not on the server.`);
  return row.clinicIds;
}

/** A conflict is itself a synced row (entity `conflicts`), so every device of the clinic receives it. */
async function storeConflict(tx: Tx, c: ConflictRecord, clinicIds: string[], nowMs: number): Promise<void> {
  const version = await nextVersion(tx);
  const at = new Date(nowMs).toISOString();
  const data = {
    id: c.id,
    entity: c.entity,
    rowId: c.row_id,
    field: c.field,
    keptValue: c.kept_value,
    lostValue: c.lost_value,
    keptBy: c.kept_by,
    lostBy: c.lost_by,
    keptHlc: c.kept_hlc,
    lostHlc: c.lost_hlc,
    resolvedAt: null,
    resolvedBy: null,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
    deletedAt: null,
  };
  // Stamped with the kept HLC so any later edit by a device (resolving it) wins the merge.
  const fieldMeta = Object.fromEntries(Object.keys(data).map((k) => [k, { hlc: c.kept_hlc, version, by: null }]));
  await tx.insert(rows).values({ entity: 'conflicts', rowId: c.id, clinicIds, version, deleted: false, data, fieldMeta });
}

/** Audit entries are append-only: the first copy is kept, a copy of the same id is acknowledged and ignored. */
async function appendAudit(tx: Tx, pusher: Pusher, m: Mutation, nowMs: number): Promise<PushResult> {
  if (m.op !== 'upsert') throw refuse('VALIDATION', 'The audit log is append-only.');
  const parsed = entityFields.audit_log.safeParse(m.fields);
  if (!parsed.success) throw refuse('VALIDATION', describeIssues(parsed.error.issues));
  const clinicId = parsed.data.clinicId ?? null;
  if (clinicId !== null && !pusher.clinicIds.includes(clinicId))
    throw refuse('FORBIDDEN', 'This entry belongs to a clinic you are not a member of.');
  const [existing] = await tx.select({ version: auditEntries.version }).from(auditEntries).where(eq(auditEntries.id, m.row_id));
  if (existing) return { seq: m.seq, status: 'applied', version: existing.version };
  const version = await nextVersion(tx);
  await tx.insert(auditEntries).values({
    id: m.row_id,
    clinicId,
    deviceId: pusher.deviceId,
    userId: pusher.userId,
    version,
    data: m.fields,
    receivedAt: new Date(nowMs).toISOString(),
  });
  return { seq: m.seq, status: 'applied', version };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
