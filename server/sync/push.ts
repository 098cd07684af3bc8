import { and, eq, exists, inArray, notExists, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { parseHlc } from '../../common/hlc';
import type { ConflictRecord, Mutation, PushEntity, PushResult } from '../../common/sync';
import { bookkeepingFields, entityFields, pushRoles } from '../entities';
import type { Tx } from '../store/open';
import { devices, mutationResults, refreshTokens, revokedFamilies, rows, users, type FieldMeta } from '../store/schema';
import { lockWriters, VersionClock } from './versions';

export interface Pusher {
  userId: string;
  role: string;
  clinicIds: string[];
  deviceId: string;
}

/** Whose role and clinics a mutation is checked against. */
type Actor = Pick<Pusher, 'role' | 'clinicIds'>;

/** The server refuses HLCs further ahead of its clock than this (SYNC.md, Clock). */
export const maxClockSkewMs = 5 * 60 * 1000;

type Rejection = NonNullable<PushResult['reason']>;
class Refusal extends Error {
  constructor(readonly reason: Rejection) {
    super(reason.message);
  }
}
const refuse = (code: Rejection['code'], message: string) => new Refusal({ code, message });

type Row = typeof rows.$inferSelect;
const keyOf = (entity: string, rowId: string) => `${entity}\u0000${rowId}`;

/**
 * Applies a batch in seq order inside one transaction holding the writer
 * lock. A seq already used answers its stored result; a seq past the next
 * expected one is refused (SEQ_GAP) without using anything up; a permanent
 * refusal uses up its seq like an applied mutation (guarantees 2 and 3).
 * The rows a batch touches are read in one query and written in one, so a
 * batch costs a handful of round trips whatever its size.
 */
export async function applyPush(tx: Tx, pusher: Pusher, mutations: Mutation[], nowMs: number): Promise<PushResult[]> {
  await lockWriters(tx);
  const [device] = await tx.select().from(devices).where(eq(devices.id, pusher.deviceId));
  let lastSeq = device?.lastSeq ?? 0;

  const resent = mutations.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
  const stored = new Map<number, PushResult>();
  if (resent.length > 0) {
    const found = await tx
      .select()
      .from(mutationResults)
      .where(and(eq(mutationResults.deviceId, pusher.deviceId), inArray(mutationResults.seq, resent)));
    for (const r of found) stored.set(r.seq, r.result as PushResult);
  }

  const batch = new Batch(tx, pusher, nowMs, await VersionClock.start(tx));
  await batch.prefetch(mutations.filter((m) => m.seq > lastSeq));
  const results: PushResult[] = [];
  const fresh: PushResult[] = [];
  for (const m of mutations) {
    if (m.seq <= lastSeq) {
      results.push(stored.get(m.seq) ?? { seq: m.seq, status: 'applied', version: null });
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
      result = await batch.apply(m);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      result = { seq: m.seq, status: 'rejected', version: null, reason: error.reason };
    }
    lastSeq = m.seq;
    results.push(result);
    fresh.push(result);
  }
  await batch.write();
  if (fresh.length > 0) {
    // One JSON parameter: drizzle's builder for 500 jsonb rows costs more than the insert itself.
    await tx.execute(sql`
      insert into mutation_results (device_id, seq, result)
      select ${pusher.deviceId}, (r ->> 'seq')::bigint, r from jsonb_array_elements(${JSON.stringify(fresh)}::jsonb) r`);
    await tx.update(devices).set({ lastSeq }).where(eq(devices.id, pusher.deviceId));
  }
  return results;
}

class Batch {
  /** Rows as this batch leaves them; null = known not to exist. */
  private rows = new Map<string, Row | null>();
  private changed = new Set<string>();
  /** Authors other than the token's user, as found once a batch: null = not one this device may answer for. */
  private authors = new Map<string, Actor | null>();

  constructor(
    private tx: Tx,
    private pusher: Pusher,
    private nowMs: number,
    private versions: VersionClock,
  ) {}

  /** Reads every row the batch may touch, and the rows attendees and conflicts hang from, in one query. */
  async prefetch(mutations: Mutation[]): Promise<void> {
    const keys = new Map<string, { entity: string; rowId: string }>();
    const want = (entity: unknown, rowId: unknown) => {
      if (typeof entity === 'string' && typeof rowId === 'string') keys.set(keyOf(entity, rowId), { entity, rowId });
    };
    for (const m of mutations) {
      want(m.entity, m.row_id);
      if (m.entity === 'session_attendees') want('sessions', m.fields.sessionId);
      if (m.entity === 'conflicts') want(m.fields.entity, m.fields.rowId);
    }
    for (const key of keys.keys()) this.rows.set(key, null);
    if (keys.size > 0) {
      // The keys as one JSON parameter: a thousand bound parameters cost more to build and plan than the lookup itself.
      const pairs = JSON.stringify([...keys.values()].map((k) => [k.entity, k.rowId]));
      for (const row of await this.tx
        .select()
        .from(rows)
        .where(sql`(${rows.entity}, ${rows.rowId}) in (select e ->> 0, e ->> 1 from jsonb_array_elements(${pairs}::jsonb) e)`)) {
        this.rows.set(keyOf(row.entity, row.rowId), row);
      }
    }
  }

  private async row(entity: string, rowId: string): Promise<Row | null> {
    const key = keyOf(entity, rowId);
    if (!this.rows.has(key)) {
      const [row] = await this.tx
        .select()
        .from(rows)
        .where(and(eq(rows.entity, entity), eq(rows.rowId, rowId)));
      this.rows.set(key, row ?? null);
    }
    return this.rows.get(key)!;
  }

  private put(row: Row): void {
    const key = keyOf(row.entity, row.rowId);
    this.rows.set(key, row);
    this.changed.add(key);
  }

  async apply(m: Mutation): Promise<PushResult> {
    const { pusher } = this;
    if (parseHlc(m.hlc).wallMs > this.nowMs + maxClockSkewMs) {
      throw refuse('CLOCK_SKEW', 'The clock stamp is more than 5 minutes ahead of the server: correct the clock, then resend.');
    }
    if (m.id !== m.row_id) throw refuse('VALIDATION', 'id and row_id differ.');
    // Who made the edit: on a shared computer a colleague signed in offline may have, while the token is the last
    // online user's. The device answers for its users as it does in its audit trail.
    const author = typeof m.fields.updatedBy === 'string' ? m.fields.updatedBy : pusher.userId;
    const actor = (await this.actorOf(author)) ?? pusher;
    if (!pushRoles[m.entity].includes(actor.role)) throw refuse('FORBIDDEN', `Your role may not change ${m.entity}.`);

    const { id: _id, serverVersion: _serverVersion, ...rawFields } = m.fields;
    if (_id !== undefined && _id !== m.row_id) throw refuse('VALIDATION', 'fields.id differs from row_id.');
    const parsed = entityFields[m.entity].safeParse(rawFields);
    if (!parsed.success) throw refuse('VALIDATION', describeIssues(parsed.error.issues));
    const fields: Record<string, unknown> = { ...rawFields };

    const existing = await this.row(m.entity, m.row_id);
    if (m.op === 'delete') {
      if (!existing) throw refuse('UNKNOWN_ROW', `No ${m.entity} row ${m.row_id} on the server.`);
      fields.deletedAt ??= new Date(parseHlc(m.hlc).wallMs).toISOString();
      // A merge tombstones the duplicate too: allowed to whoever may merge (checked below), erasure only to an admin.
      if (m.entity === 'beneficiaries' && actor.role !== 'admin' && !fields.mergedInto) {
        throw refuse('FORBIDDEN', 'Only an admin may erase a beneficiary.');
      }
    }
    if (m.entity === 'beneficiaries' && fields.mergedInto && actor.role === 'staff') {
      throw refuse('FORBIDDEN', 'Only a manager or an admin may merge beneficiaries.');
    }

    const merged = { ...(existing?.data ?? {}) } as Record<string, unknown>;
    const meta = { ...(existing?.fieldMeta ?? {}) } as Record<string, FieldMeta>;
    const version = this.versions.next();
    const lost: Omit<ConflictRecord, 'id' | 'entity' | 'row_id'>[] = [];
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
        const mine = { value, by: author, hlc: m.hlc };
        const theirs = { value: merged[field], by: before.by, hlc: before.hlc };
        const [kept, loser] = incomingWins ? [mine, theirs] : [theirs, mine];
        lost.push({
          field,
          kept_value: kept.value,
          lost_value: loser.value,
          kept_by: kept.by,
          lost_by: loser.by,
          kept_hlc: kept.hlc,
          lost_hlc: loser.hlc,
        });
      }
      if (incomingWins) {
        merged[field] = value;
        meta[field] = { hlc: m.hlc, version, by: author };
      }
    }

    const clinicIds = await this.clinicsOf(m.entity, merged, existing?.clinicIds);
    for (const clinicId of new Set([...clinicIds, ...(existing?.clinicIds ?? [])])) {
      if (!actor.clinicIds.includes(clinicId)) throw refuse('FORBIDDEN', 'This row belongs to a clinic you are not a member of.');
    }
    merged.id = m.row_id;
    const deleted = merged.deletedAt !== null && merged.deletedAt !== undefined;
    this.put({ entity: m.entity, rowId: m.row_id, clinicIds, version, deleted, data: merged, fieldMeta: meta });

    const conflicts = lost.map((c) => this.storeConflict({ id: uuidv7(), entity: m.entity, row_id: m.row_id, ...c }, clinicIds));
    return conflicts.length > 0 ? { seq: m.seq, status: 'applied', version, conflicts } : { seq: m.seq, status: 'applied', version };
  }

  /**
   * The role and clinics of a mutation's author when it is not the token's user: a colleague who signed in to the
   * server on this device (a token family issued to it, not revoked) and is still active. An admin's offline merge,
   * synced later under a staff member's token, is then checked as the admin's. Anyone else (a standalone account
   * that never signed in to the server) is checked as the token's user, as before.
   */
  private async actorOf(author: string): Promise<Actor | null> {
    if (author === this.pusher.userId) return null;
    if (!this.authors.has(author)) {
      const { tx, pusher } = this;
      const [found] = await tx
        .select({ role: users.role, clinicIds: users.clinicIds })
        .from(users)
        .where(
          and(
            eq(users.id, author),
            eq(users.active, true),
            exists(
              tx
                .select({ one: sql`1` })
                .from(refreshTokens)
                .where(
                  and(
                    eq(refreshTokens.userId, users.id),
                    eq(refreshTokens.deviceId, pusher.deviceId),
                    notExists(
                      tx
                        .select({ one: sql`1` })
                        .from(revokedFamilies)
                        .where(eq(revokedFamilies.familyId, refreshTokens.familyId)),
                    ),
                  ),
                ),
            ),
          ),
        );
      this.authors.set(author, found ?? null);
    }
    return this.authors.get(author)!;
  }

  /** Which clinics receive the row: its own clinic, or for attendees and conflicts, the clinic of the row they belong to. */
  private async clinicsOf(entity: PushEntity, data: Record<string, unknown>, current: string[] | undefined): Promise<string[]> {
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
    const row = await this.row(parent.entity, parent.rowId);
    if (!row) throw refuse('UNKNOWN_ROW', `The ${parent.entity} row ${parent.rowId} is not on the server.`);
    return row.clinicIds;
  }

  /** A conflict is itself a synced row (entity `conflicts`), so every device of the clinic receives it. */
  private storeConflict(c: ConflictRecord, clinicIds: string[]): ConflictRecord {
    const version = this.versions.next();
    const at = new Date(this.nowMs).toISOString();
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
    this.put({ entity: 'conflicts', rowId: c.id, clinicIds, version, deleted: false, data, fieldMeta });
    return c;
  }

  /** Writes what the batch changed in one statement (the rows as one JSON parameter), and moves the version counter past what it handed out. */
  async write(): Promise<void> {
    const changed = [...this.changed].map((key) => this.rows.get(key)!);
    if (changed.length > 0) {
      await this.tx.execute(sql`
        insert into rows (entity, row_id, clinic_ids, version, deleted, data, field_meta)
        select r.entity, r."rowId", r."clinicIds", r.version, r.deleted, r.data, r."fieldMeta"
        from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb)
          as r(entity text, "rowId" text, "clinicIds" text[], version bigint, deleted boolean, data jsonb, "fieldMeta" jsonb)
        on conflict (entity, row_id) do update set clinic_ids = excluded.clinic_ids, version = excluded.version,
          deleted = excluded.deleted, data = excluded.data, field_meta = excluded.field_meta`);
    }
    await this.versions.save(this.tx);
  }
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
