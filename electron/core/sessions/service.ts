import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type {
  attendanceInput,
  rescheduleInput,
  SavedSession,
  Session,
  SessionAttendee,
  sessionInput,
  sessionUpdate,
} from '../../../common/sessions';
import { sessionAttendees, sessions } from '../../../db/schema';
import * as audit from '../audit/service';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { groupSessions, overlaps, summaryColumns, summaryJoins } from './queries';

type SessionRow = typeof sessions.$inferSelect;
type AttendeeRow = typeof sessionAttendees.$inferSelect;

const inClinics = (user: SessionUser, clinicId: string) => user.role === 'admin' || user.clinicIds.includes(clinicId);

function visibleSession(tx: Pick<WriteTx, 'db'>, user: SessionUser, id: string): SessionRow {
  const row = tx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), isNull(sessions.deletedAt)))
    .get();
  if (!row || !inClinics(user, row.clinicId)) throw new CoreError('NOT_FOUND', 'sessions.errors.notFound');
  return row;
}

/** A session's live attendee rows, as the query builder would read them (columns in schema order), through a prepared statement. */
function liveAttendees(sqlite: Sqlite, sessionId: string): AttendeeRow[] {
  return statement(
    sqlite,
    `select id, created_at as createdAt, updated_at as updatedAt, created_by as createdBy, updated_by as updatedBy, deleted_at as deletedAt,
       server_version as serverVersion, session_id as sessionId, beneficiary_id as beneficiaryId, attendance, outcome
     from session_attendees where session_id = ? and deleted_at is null`,
  ).all(sessionId) as AttendeeRow[];
}

export function read(core: Core, user: SessionUser, id: string): Session {
  const { sqlite } = core.store;
  // Every save reads its session back: prepared statements, not the query builder (it prepares its SQL on every call).
  const row = statement(sqlite, `select ${summaryColumns}, s.notes ${summaryJoins} where s.id = ? and s.deleted_at is null`).get(id) as
    Omit<Session, 'attendees'> | undefined;
  if (!row || !inClinics(user, row.clinicId)) throw new CoreError('NOT_FOUND', 'sessions.errors.notFound');
  const attendees = statement(
    sqlite,
    `select a.id, a.beneficiary_id as beneficiaryId, b.given_name || ' ' || b.family_name as beneficiaryName, b.code as beneficiaryCode,
       a.attendance, a.outcome
     from session_attendees a join beneficiaries b on b.id = a.beneficiary_id
     where a.session_id = ? and a.deleted_at is null order by a.created_at, a.id`,
  ).all(id) as SessionAttendee[];
  return { ...row, attendees };
}

/** The checks a session must pass whoever saves it: scope, type, staff, people, and no completed session in the future. */
function checkSession(sqlite: Sqlite, tx: WriteTx, user: SessionUser, input: z.output<typeof sessionInput>) {
  const invalid = (field: string, message: string) => new CoreError('VALIDATION', 'errors.invalid', { [field]: [message] });
  // Prepared statements, not the query builder: it prepares its SQL again on every call.
  if (!inClinics(user, input.clinicId) || !statement(sqlite, 'select 1 from clinics where id = ?').get(input.clinicId))
    throw invalid('clinicId', 'clinics.errors.notFound');
  if (!statement(sqlite, 'select 1 from session_types where id = ?').get(input.typeId))
    throw invalid('typeId', 'sessions.errors.typeNotFound');
  const staff = statement(sqlite, 'select role, active, clinic_ids as clinicIds from users where id = ?').get(input.staffId) as
    { role: string; active: number; clinicIds: string } | undefined;
  if (!staff || !staff.active || (staff.role !== 'admin' && !(JSON.parse(staff.clinicIds) as string[]).includes(input.clinicId)))
    throw invalid('staffId', 'sessions.errors.staffNotFound');
  if (input.status === 'completed' && Date.parse(input.scheduledAt) > tx.now.getTime())
    throw invalid('scheduledAt', 'sessions.errors.completedInFuture');
  const ids = input.attendees.map((a) => a.beneficiaryId);
  // A group's people as one JSON parameter: one prepared statement whatever the group's size.
  const found = statement(
    sqlite,
    'select id, clinic_id as clinicId from beneficiaries where id in (select value from json_each(?)) and deleted_at is null',
  ).all(JSON.stringify(ids)) as { id: string; clinicId: string }[];
  if (found.length !== ids.length || found.some((b) => !inClinics(user, b.clinicId)))
    throw invalid('attendees', 'beneficiaries.errors.notFound');
}

/** A new session for these people settles the follow-ups and missed sessions they were owed before it. */
function settleFollowUps(tx: WriteTx, userId: string, sessionId: string, owed: string[]) {
  if (owed.length === 0) return;
  // A first session after an import can settle hundreds: read and update them in one statement each, audit each row.
  const at = tx.now.toISOString();
  const isOwed = sql`${sessions.id} in (select value from json_each(${JSON.stringify(owed)}))`;
  const rowsBefore = new Map(
    tx.db
      .select()
      .from(sessions)
      .where(isOwed)
      .all()
      .map((row) => [row.id, row]),
  );
  const rowsAfter = new Map(
    tx.db
      .update(sessions)
      .set({ followUpDoneAt: at, updatedAt: at, updatedBy: userId })
      .where(isOwed)
      .returning()
      .all()
      .map((row) => [row.id, row]),
  );
  for (const id of owed)
    tx.record({
      action: 'sessions.followUpDone',
      entity: 'sessions',
      rowId: id,
      before: rowsBefore.get(id)!,
      after: rowsAfter.get(id)!,
      sync: true,
      note: { by: sessionId },
    });
}

/** Writes the attendee rows to match the list: new ones added, changed ones updated, missing ones tombstoned. */
function writeAttendees(
  core: Core,
  tx: WriteTx,
  userId: string,
  sessionId: string,
  clinicId: string,
  wanted: z.output<typeof sessionInput>['attendees'],
  removeMissing: boolean,
) {
  const at = tx.now.toISOString();
  const stamp = { updatedAt: at, updatedBy: userId };
  const existing = new Map(liveAttendees(core.store.sqlite, sessionId).map((a) => [a.beneficiaryId, a]));
  for (const attendee of wanted) {
    const before = existing.get(attendee.beneficiaryId);
    existing.delete(attendee.beneficiaryId);
    if (!before) {
      const row = {
        id: uuidv7(),
        sessionId,
        ...attendee,
        createdAt: at,
        createdBy: userId,
        ...stamp,
        deletedAt: null,
        serverVersion: null,
      };
      // Group sessions add dozens at once: a prepared statement, not the query builder.
      statement(
        core.store.sqlite,
        `insert into session_attendees (id, session_id, beneficiary_id, attendance, outcome, created_at, updated_at, created_by, updated_by)
         values (@id, @sessionId, @beneficiaryId, @attendance, @outcome, @createdAt, @updatedAt, @createdBy, @updatedBy)`,
      ).run({ ...row, deletedAt: undefined, serverVersion: undefined });
      tx.record({
        action: 'sessions.addAttendee',
        entity: 'session_attendees',
        rowId: row.id,
        before: null,
        after: row,
        sync: true,
        clinicId,
      });
    } else if (before.attendance !== attendee.attendance || before.outcome !== attendee.outcome) {
      const after = tx.db
        .update(sessionAttendees)
        .set({ attendance: attendee.attendance, outcome: attendee.outcome, ...stamp })
        .where(eq(sessionAttendees.id, before.id))
        .returning()
        .get();
      tx.record({ action: 'sessions.markAttendance', entity: 'session_attendees', rowId: before.id, before, after, sync: true, clinicId });
    }
  }
  if (!removeMissing) return;
  for (const before of existing.values()) {
    const after = tx.db
      .update(sessionAttendees)
      .set({ deletedAt: at, ...stamp })
      .where(eq(sessionAttendees.id, before.id))
      .returning()
      .get();
    tx.record({ action: 'sessions.removeAttendee', entity: 'session_attendees', rowId: before.id, before, after, sync: true, clinicId });
  }
}

function endOf(scheduledAt: string, minutes: number): string {
  return new Date(Date.parse(scheduledAt) + minutes * 60_000).toISOString();
}

/** Schedules or records a session. Double bookings come back as warnings; they never block. */
export function create(core: Core, user: SessionUser, input: z.output<typeof sessionInput>): SavedSession {
  const scheduledAt = new Date(input.scheduledAt).toISOString();
  const end = endOf(scheduledAt, input.durationMinutes);
  const { id, booked } = core.write({ userId: user.id }, (tx) => {
    checkSession(core.store.sqlite, tx, user, input);
    const { attendees } = input;
    const at = tx.now.toISOString();
    // Before anything is written, so the new session meets neither itself nor its own people.
    const group = groupSessions(core.store.sqlite, {
      beneficiaryIds: attendees.map((a) => a.beneficiaryId),
      start: scheduledAt,
      end,
      cancelled: input.status === 'cancelled',
    });
    // The row as the query builder would read it back (its columns in schema order), written by a prepared statement.
    const row: SessionRow = {
      id: uuidv7(),
      createdAt: at,
      updatedAt: at,
      createdBy: user.id,
      updatedBy: user.id,
      deletedAt: null,
      serverVersion: null,
      clinicId: input.clinicId,
      typeId: input.typeId,
      staffId: input.staffId,
      location: input.location ?? null,
      scheduledAt,
      durationMinutes: input.durationMinutes,
      status: input.status,
      notes: input.notes ?? null,
      followUpDate: input.followUpDate ?? null,
      followUpDoneAt: null,
    };
    statement(
      core.store.sqlite,
      `insert into sessions (id, created_at, updated_at, created_by, updated_by, clinic_id, type_id, staff_id, location, scheduled_at,
         duration_minutes, status, notes, follow_up_date)
       values (@id, @createdAt, @updatedAt, @createdBy, @updatedBy, @clinicId, @typeId, @staffId, @location, @scheduledAt,
         @durationMinutes, @status, @notes, @followUpDate)`,
    ).run(row);
    tx.record({
      action: input.status === 'completed' ? 'sessions.record' : 'sessions.schedule',
      entity: 'sessions',
      rowId: row.id,
      before: null,
      after: row,
      sync: true,
    });
    writeAttendees(core, tx, user.id, row.id, input.clinicId, attendees, false);
    settleFollowUps(tx, user.id, row.id, group.owed);
    return { id: row.id, booked: group.booked };
  });
  const session = read(core, user, id);
  if (session.status === 'cancelled') return { session, warnings: [] };
  const staff = overlaps(core.store.sqlite, { id, staffId: session.staffId, beneficiaryIds: [], start: scheduledAt, end });
  return { session, warnings: [...staff, ...booked] };
}

export function update(core: Core, user: SessionUser, input: z.output<typeof sessionUpdate>): SavedSession {
  core.write({ userId: user.id }, (tx) => {
    const before = visibleSession(tx, user, input.id);
    checkSession(core.store.sqlite, tx, user, input);
    const { attendees, id, ...fields } = input;
    const after = tx.db
      .update(sessions)
      .set({ ...fields, scheduledAt: new Date(input.scheduledAt).toISOString(), updatedAt: tx.now.toISOString(), updatedBy: user.id })
      .where(eq(sessions.id, id))
      .returning()
      .get();
    tx.record({ action: 'sessions.update', entity: 'sessions', rowId: id, before, after, sync: true });
    writeAttendees(core, tx, user.id, id, input.clinicId, attendees, true);
  });
  return saved(core, user, input.id);
}

function saved(core: Core, user: SessionUser, id: string): SavedSession {
  const session = read(core, user, id);
  if (session.status === 'cancelled') return { session, warnings: [] };
  const warnings = overlaps(core.store.sqlite, {
    id,
    staffId: session.staffId,
    beneficiaryIds: session.attendees.map((a) => a.beneficiaryId),
    start: session.scheduledAt,
    end: endOf(session.scheduledAt, session.durationMinutes),
  });
  return { session, warnings };
}

/** Marks attendance for the whole list at once, and completes the session unless told not to. */
export function markAttendance(core: Core, user: SessionUser, input: z.output<typeof attendanceInput>): Session {
  core.write({ userId: user.id }, (tx) => {
    const before = visibleSession(tx, user, input.sessionId);
    const current = new Set(liveAttendees(core.store.sqlite, input.sessionId).map((a) => a.beneficiaryId));
    if (input.attendees.some((a) => !current.has(a.beneficiaryId)))
      throw new CoreError('VALIDATION', 'errors.invalid', { attendees: ['sessions.errors.notAttendee'] });
    writeAttendees(core, tx, user.id, input.sessionId, before.clinicId, input.attendees, false);
    if (input.complete && before.status === 'scheduled') {
      if (Date.parse(before.scheduledAt) > tx.now.getTime())
        throw new CoreError('VALIDATION', 'errors.invalid', { scheduledAt: ['sessions.errors.completedInFuture'] });
      const after = tx.db
        .update(sessions)
        .set({ status: 'completed', updatedAt: tx.now.toISOString(), updatedBy: user.id })
        .where(eq(sessions.id, before.id))
        .returning()
        .get();
      tx.record({ action: 'sessions.complete', entity: 'sessions', rowId: before.id, before, after, sync: true });
    }
  });
  return read(core, user, input.sessionId);
}

/**
 * One click from Today: a planned session moves to the new time; a session
 * already held (someone missed it) gets a new planned session for the people who missed it.
 */
export function reschedule(core: Core, user: SessionUser, input: z.output<typeof rescheduleInput>): SavedSession {
  const scheduledAt = new Date(input.scheduledAt).toISOString();
  const session = read(core, user, input.id);
  if (session.status === 'scheduled') {
    return update(core, user, {
      ...session,
      scheduledAt,
      attendees: session.attendees.map(({ beneficiaryId, attendance, outcome }) => ({ beneficiaryId, attendance, outcome })),
    });
  }
  const missed = session.attendees.filter((a) => a.attendance === 'missed');
  const people = missed.length > 0 ? missed : session.attendees;
  return create(core, user, {
    clinicId: session.clinicId,
    typeId: session.typeId,
    staffId: session.staffId,
    location: session.location,
    scheduledAt,
    durationMinutes: session.durationMinutes,
    status: 'scheduled',
    notes: null,
    followUpDate: null,
    attendees: people.map((a) => ({ beneficiaryId: a.beneficiaryId, attendance: 'expected', outcome: null })),
  });
}

/** Who changed what on the session and its attendance list. */
export function history(core: Core, user: SessionUser, id: string): AuditEntry[] {
  const { db } = core.store;
  visibleSession({ db }, user, id);
  const attendeeIds = db.select({ id: sessionAttendees.id }).from(sessionAttendees).where(eq(sessionAttendees.sessionId, id)).all();
  const entries = [
    ...audit.recent(core, { entity: 'sessions', rowId: id, limit: 500 }),
    ...attendeeIds.flatMap((a) => audit.recent(core, { entity: 'session_attendees', rowId: a.id, limit: 100 })),
  ];
  return entries.sort((a, b) => (a.id < b.id ? 1 : -1));
}
