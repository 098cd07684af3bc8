import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ServerMessage } from '../../../common/rpc';
import type {
  AgendaView,
  SavedSession,
  Session,
  SessionInput,
  SessionSummary,
  SessionType,
  TimelineEntry,
  TodayView,
} from '../../../common/sessions';
import { auditLog, outbox } from '../../../db/schema';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';

// The core's clock is moved by the test, never by the code under test.
let clock = new Date('2026-11-22T09:00:00.000Z');
let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let clinic: Clinic;
let types: SessionType[];
let people: Beneficiary[];

beforeEach(async () => {
  clock = new Date('2026-11-22T09:00:00.000Z');
  core = await openTestCore({ now: () => clock });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
  people = [];
  for (let i = 0; i < 40; i++) {
    people.push(
      dataOf<Beneficiary>(
        await admin.mutate('beneficiaries.register', {
          clinicId: clinic.id,
          givenName: `Person${i}`,
          familyName: `Family${String.fromCharCode(65 + (i % 26))}${i}`,
          sex: 'female',
          birthDate: `19${50 + i}-01-01`,
        }),
      ),
    );
  }
});
afterEach(() => core.close());

const typeNamed = (name: string) => types.find((t) => t.name === name)!;
const session = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  clinicId: clinic.id,
  typeId: typeNamed('Counselling').id,
  staffId: me.id,
  scheduledAt: '2026-11-22T13:00:00.000Z',
  durationMinutes: 60,
  status: 'scheduled',
  attendees: [{ beneficiaryId: people[0]!.id }],
  ...overrides,
});
const day = { dayStart: '2026-11-22T00:00:00.000Z', dayEnd: '2026-11-23T00:00:00.000Z' };
const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

describe('session types', () => {
  it('a fresh install comes with defaults, one of them a group type', () => {
    expect(types.map((t) => t.name).sort()).toEqual(['Consultation', 'Counselling', 'Group session', 'Home visit']);
    expect(types.filter((t) => t.isGroup)).toHaveLength(1);
  });
});

describe('scheduling and recording', () => {
  it('shows a session whose type has not arrived yet (sync applies pages out of order) everywhere, untyped', async () => {
    const { session: saved } = dataOf<SavedSession>(await admin.mutate('sessions.create', session()));
    core.store.sqlite.prepare('delete from session_types where id = ?').run(saved.typeId);
    const untyped = { id: saved.id, typeName: '', typeColor: '#868e96' };
    expect(dataOf<Session>(await admin.query('sessions.get', { id: saved.id }))).toMatchObject({
      ...untyped,
      attendees: [{ beneficiaryId: people[0]!.id }],
    });
    expect(dataOf<TodayView>(await admin.query('sessions.today', day)).sessions).toMatchObject([untyped]);
    const week = dataOf<AgendaView>(await admin.query('sessions.agenda', { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' }));
    expect(week.sessions).toMatchObject([untyped]);
    expect(dataOf<{ rows: SessionSummary[] }>(await admin.query('sessions.list', {})).rows).toMatchObject([untyped]);
    expect(dataOf<TimelineEntry[]>(await admin.query('sessions.timeline', { id: people[0]!.id }))).toMatchObject([
      { sessionId: saved.id, typeName: '', typeColor: '#868e96' },
    ]);
  });

  it('schedules a session that shows on Today and in the agenda, with audit and outbox', async () => {
    const { session: saved, warnings } = dataOf<SavedSession>(await admin.mutate('sessions.create', session()));
    expect(warnings).toEqual([]);
    expect(saved).toMatchObject({
      typeName: 'Counselling',
      staffName: 'Amina Admin',
      attendees: [{ beneficiaryId: people[0]!.id, attendance: 'expected' }],
    });

    const today = dataOf<TodayView>(await admin.query('sessions.today', day));
    expect(today.sessions.map((s) => s.id)).toEqual([saved.id]);
    const week = dataOf<AgendaView>(await admin.query('sessions.agenda', { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' }));
    expect(week.sessions.map((s) => [s.id, s.attendeeNames])).toEqual([[saved.id, ['Person0 FamilyA0']]]);
    expect(week.more).toEqual([false, false, false, false, false, false, false]);
    expect(
      core.store.db
        .select()
        .from(outbox)
        .all()
        .filter((o) => o.rowId === saved.id),
    ).toHaveLength(1);
    expect(
      core.store.db
        .select()
        .from(auditLog)
        .all()
        .some((e) => e.action === 'sessions.schedule' && e.rowId === saved.id),
    ).toBe(true);
  });

  it('refuses a non-positive duration and a completed session in the future, next to the field', async () => {
    expect(errorOf(await admin.mutate('sessions.create', session({ durationMinutes: 0 })))?.fieldErrors).toEqual({
      durationMinutes: ['sessions.errors.duration'],
    });
    expect(errorOf(await admin.mutate('sessions.create', session({ status: 'completed' })))?.fieldErrors).toEqual({
      scheduledAt: ['sessions.errors.completedInFuture'],
    });
    expect(errorOf(await admin.mutate('sessions.create', session({ attendees: [] })))?.fieldErrors).toEqual({
      attendees: ['sessions.errors.noAttendees'],
    });
  });

  it('warns, without blocking, on a double-booked staff member or beneficiary', async () => {
    dataOf(await admin.mutate('sessions.create', session()));
    const { session: second, warnings } = dataOf<SavedSession>(
      await admin.mutate(
        'sessions.create',
        session({ scheduledAt: '2026-11-22T13:30:00.000Z', attendees: [{ beneficiaryId: people[0]!.id }] }),
      ),
    );
    expect(second.id).toBeTruthy();
    expect(warnings.map((w) => w.kind).sort()).toEqual(['beneficiaryDoubleBooked', 'staffDoubleBooked']);
    const { warnings: none } = dataOf<SavedSession>(
      await admin.mutate('sessions.create', session({ scheduledAt: '2026-11-22T14:00:00.000Z' })),
    );
    expect(none.filter((w) => w.sessionId !== second.id)).toEqual([]);
  });

  it('checks a group person by person: a double booking names who, someone taken off no longer counts, an unknown person is refused', async () => {
    const pair = [{ beneficiaryId: people[3]!.id }, { beneficiaryId: people[4]!.id }];
    const first = dataOf<SavedSession>(await admin.mutate('sessions.create', session({ attendees: pair }))).session;
    dataOf(await admin.mutate('sessions.update', { ...session({ attendees: [pair[0]!] }), id: first.id }));

    const group = session({
      typeId: typeNamed('Group session').id,
      scheduledAt: '2026-11-22T13:30:00.000Z',
      durationMinutes: 90,
      attendees: people.slice(0, 30).map((p) => ({ beneficiaryId: p.id })),
    });
    const { warnings } = dataOf<SavedSession>(await admin.mutate('sessions.create', group));
    expect(warnings.filter((w) => w.kind === 'beneficiaryDoubleBooked')).toEqual([
      { kind: 'beneficiaryDoubleBooked', sessionId: first.id, scheduledAt: first.scheduledAt, beneficiaryName: 'Person3 FamilyD3' },
    ]);

    const stranger = { beneficiaryId: '01890000-0000-7000-8000-000000000000' };
    expect(errorOf(await admin.mutate('sessions.create', { ...group, attendees: [...group.attendees, stranger] }))?.fieldErrors).toEqual({
      attendees: ['beneficiaries.errors.notFound'],
    });
  });

  it('records a group session of 40 and marks everyone at once, completing it', async () => {
    clock = new Date('2026-11-22T16:00:00.000Z');
    const group = dataOf<SavedSession>(
      await admin.mutate(
        'sessions.create',
        session({ typeId: typeNamed('Group session').id, durationMinutes: 90, attendees: people.map((p) => ({ beneficiaryId: p.id })) }),
      ),
    ).session;
    expect(group.attendees).toHaveLength(40);
    const marked = dataOf<Session>(
      await admin.mutate('sessions.markAttendance', {
        sessionId: group.id,
        attendees: people.map((p, i) => ({
          beneficiaryId: p.id,
          attendance: i % 10 === 0 ? 'missed' : 'attended',
          outcome: i === 1 ? 'Good progress' : null,
        })),
      }),
    );
    expect(marked.status).toBe('completed');
    expect(marked.attendees.filter((a) => a.attendance === 'missed')).toHaveLength(4);
    const timeline = dataOf<TimelineEntry[]>(await admin.query('sessions.timeline', { id: people[1]!.id }));
    expect(timeline).toEqual([
      expect.objectContaining({ sessionId: group.id, attendance: 'attended', outcome: 'Good progress', status: 'completed' }),
    ]);
    const history = dataOf<AuditEntry[]>(await admin.query('sessions.history', { id: group.id }));
    expect(history.some((e) => e.action === 'sessions.markAttendance' && (e.detail as { diff: object }).diff)).toBe(true);
  });
});

describe('follow-ups', () => {
  it('a follow-up becomes overdue when its date passes, and scheduling the next visit settles it', async () => {
    clock = new Date('2026-11-22T15:00:00.000Z');
    const done = dataOf<SavedSession>(
      await admin.mutate(
        'sessions.create',
        session({ status: 'completed', scheduledAt: '2026-11-22T10:00:00.000Z', followUpDate: '2026-11-29' }),
      ),
    ).session;
    expect(dataOf<TodayView>(await admin.query('sessions.today', day)).overdueFollowUps).toEqual([]);

    clock = new Date('2026-12-01T09:00:00.000Z');
    const later = { dayStart: '2026-12-01T00:00:00.000Z', dayEnd: '2026-12-02T00:00:00.000Z' };
    expect(dataOf<TodayView>(await admin.query('sessions.today', later)).overdueFollowUps.map((s) => s.id)).toEqual([done.id]);

    dataOf(await admin.mutate('sessions.reschedule', { id: done.id, scheduledAt: '2026-12-03T09:00:00.000Z' }));
    expect(dataOf<TodayView>(await admin.query('sessions.today', later)).overdueFollowUps).toEqual([]);
  });

  it('a group session settles the follow-ups of its own people only, not those of people it leaves out', async () => {
    clock = new Date('2026-11-22T15:00:00.000Z');
    const owedTo = async (person: Beneficiary) =>
      dataOf<SavedSession>(
        await admin.mutate(
          'sessions.create',
          session({
            status: 'completed',
            scheduledAt: '2026-11-22T10:00:00.000Z',
            followUpDate: '2026-11-29',
            attendees: [{ beneficiaryId: person.id }],
          }),
        ),
      ).session;
    const kept = await owedTo(people[6]!);
    const leftOut = await owedTo(people[7]!);
    const others = people.filter((p) => p !== people[7]).map((p) => ({ beneficiaryId: p.id }));
    const group = dataOf<SavedSession>(
      await admin.mutate(
        'sessions.create',
        session({ typeId: typeNamed('Group session').id, scheduledAt: '2026-11-25T09:00:00.000Z', durationMinutes: 90, attendees: others }),
      ),
    ).session;
    const settled = core.store.db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.action === 'sessions.followUpDone');
    expect(settled.map((e) => [e.rowId, e.detail])).toEqual([
      [kept.id, { diff: { followUpDoneAt: [null, '2026-11-22T15:00:00.000Z'] }, by: group.id }],
    ]);
    expect(
      core.store.db
        .select()
        .from(outbox)
        .all()
        .filter((o) => o.rowId === kept.id),
    ).toHaveLength(2);

    clock = new Date('2026-12-01T09:00:00.000Z');
    const later = { dayStart: '2026-12-01T00:00:00.000Z', dayEnd: '2026-12-02T00:00:00.000Z' };
    expect(dataOf<TodayView>(await admin.query('sessions.today', later)).overdueFollowUps.map((s) => s.id)).toEqual([leftOut.id]);
  });

  it('lists missed sessions without a follow-up until someone reschedules them', async () => {
    clock = new Date('2026-11-22T15:00:00.000Z');
    const held = dataOf<SavedSession>(
      await admin.mutate(
        'sessions.create',
        session({ scheduledAt: '2026-11-22T10:00:00.000Z', attendees: [{ beneficiaryId: people[2]!.id }] }),
      ),
    ).session;
    dataOf(
      await admin.mutate('sessions.markAttendance', {
        sessionId: held.id,
        attendees: [{ beneficiaryId: people[2]!.id, attendance: 'missed' }],
      }),
    );
    expect(dataOf<TodayView>(await admin.query('sessions.today', day)).missedWithoutFollowUp.map((s) => s.id)).toEqual([held.id]);

    const next = dataOf<SavedSession>(
      await admin.mutate('sessions.reschedule', { id: held.id, scheduledAt: '2026-11-24T10:00:00.000Z' }),
    ).session;
    expect(next.id).not.toBe(held.id);
    expect(next.attendees.map((a) => a.beneficiaryId)).toEqual([people[2]!.id]);
    expect(dataOf<TodayView>(await admin.query('sessions.today', day)).missedWithoutFollowUp).toEqual([]);
  });
});

describe('the session list', () => {
  it('filters by date, type, status and attendance, combined with attendee name search', async () => {
    clock = new Date('2026-11-22T15:00:00.000Z');
    await admin.mutate('sessions.create', session({ status: 'completed', scheduledAt: '2026-11-20T10:00:00.000Z' }));
    await admin.mutate('sessions.create', session({ typeId: typeNamed('Home visit').id, attendees: [{ beneficiaryId: people[5]!.id }] }));
    await admin.mutate(
      'sessions.create',
      session({ scheduledAt: '2026-10-01T10:00:00.000Z', status: 'cancelled', attendees: [{ beneficiaryId: people[5]!.id }] }),
    );

    const names = async (input: object) =>
      dataOf<{ total: number; rows: SessionSummary[] }>(await admin.query('sessions.list', input)).rows.map(
        (r) => `${r.typeName}/${r.status}`,
      );
    expect(await names({})).toHaveLength(3);
    expect(await names({ from: '2026-11-01' })).toEqual(['Home visit/scheduled', 'Counselling/completed']);
    expect(await names({ search: 'family f5' })).toEqual(['Home visit/scheduled', 'Counselling/cancelled']);
    expect(await names({ search: 'person5', status: 'cancelled' })).toEqual(['Counselling/cancelled']);
    expect(await names({ typeId: typeNamed('Home visit').id })).toEqual(['Home visit/scheduled']);
    expect(await names({ attendance: 'expected', to: '2026-11-21' })).toEqual(['Counselling/completed', 'Counselling/cancelled']);
  });
});
