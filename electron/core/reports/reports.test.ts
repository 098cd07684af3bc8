import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Beneficiary, RegisterInput } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import { type Dashboard, type DashboardInput, presetRange, previousRange } from '../../../common/reports';
import type { Attendance, SessionType } from '../../../common/sessions';
import { restoreIndexes, setIndexesAside } from '../../../db/indexes';
import { clinics } from '../../../db/schema';
import * as q from './queries';
import type { Core } from '../core';
import { clientAs, dataOf, migrationsFolder, openTestCore, setupAdmin, testClient } from '../testing';

// The data is small and written through the app's own procedures; every
// expected figure below is recomputed from the plain arrays that made it.

let clock: Date;
let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let kisumu: Clinic;
let nakuru: { id: string };
let types: SessionType[];

interface Person {
  clinic: 'kisumu' | 'nakuru';
  registered: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birthDate: string | null;
  status: 'active' | 'inactive';
}
interface PlannedSession {
  clinic: 'kisumu' | 'nakuru';
  at: string;
  type: string;
  status: 'completed' | 'cancelled' | 'scheduled';
  attendees: [number, Attendance][];
  followUpDate?: string;
}

const today = '2026-11-22';
// Last month is October; the previous 31 days are 31 August to 30 September.
const people: Person[] = [
  { clinic: 'kisumu', registered: '2026-06-01T10:00:00Z', sex: 'female', birthDate: '1990-03-01', status: 'active' },
  { clinic: 'kisumu', registered: '2026-09-05T10:00:00Z', sex: 'male', birthDate: '2023-01-10', status: 'active' },
  { clinic: 'kisumu', registered: '2026-09-30T23:59:00Z', sex: 'female', birthDate: '1960-11-23', status: 'active' },
  { clinic: 'kisumu', registered: '2026-10-01T00:00:00Z', sex: 'female', birthDate: '2010-11-22', status: 'active' },
  { clinic: 'kisumu', registered: '2026-10-15T08:00:00Z', sex: 'unknown', birthDate: null, status: 'active' },
  { clinic: 'kisumu', registered: '2026-10-31T23:00:00Z', sex: 'male', birthDate: '1966-11-22', status: 'inactive' },
  { clinic: 'kisumu', registered: '2026-11-02T09:00:00Z', sex: 'male', birthDate: '1980-01-01', status: 'active' },
  { clinic: 'nakuru', registered: '2026-10-10T09:00:00Z', sex: 'female', birthDate: '1995-05-05', status: 'active' },
  { clinic: 'kisumu', registered: '2026-10-20T12:00:00Z', sex: 'other', birthDate: '2001-07-07', status: 'active' },
];
const sessions: PlannedSession[] = [
  { clinic: 'kisumu', at: '2026-09-10T09:00:00Z', type: 'Counselling', status: 'completed', attendees: [[0, 'attended']] },
  { clinic: 'kisumu', at: '2026-09-28T09:00:00Z', type: 'Consultation', status: 'completed', attendees: [[1, 'missed']] },
  {
    clinic: 'kisumu',
    at: '2026-09-20T09:00:00Z',
    type: 'Counselling',
    status: 'completed',
    attendees: [[6, 'attended']],
    followUpDate: '2026-09-25',
  },
  { clinic: 'kisumu', at: '2026-10-01T06:00:00Z', type: 'Counselling', status: 'completed', attendees: [[0, 'attended']] },
  {
    clinic: 'kisumu',
    at: '2026-10-06T09:00:00Z',
    type: 'Group session',
    status: 'completed',
    attendees: [
      [0, 'attended'],
      [1, 'attended'],
      [2, 'missed'],
      [3, 'excused'],
    ],
  },
  // Follow-ups go to people with no later session: a later one would settle them.
  {
    clinic: 'kisumu',
    at: '2026-10-08T09:00:00Z',
    type: 'Consultation',
    status: 'completed',
    attendees: [[3, 'attended']],
    followUpDate: '2026-10-20',
  },
  { clinic: 'kisumu', at: '2026-10-14T09:00:00Z', type: 'Consultation', status: 'completed', attendees: [[2, 'attended']] },
  { clinic: 'kisumu', at: '2026-10-14T11:00:00Z', type: 'Consultation', status: 'cancelled', attendees: [[4, 'expected']] },
  {
    clinic: 'kisumu',
    at: '2026-10-31T15:00:00Z',
    type: 'Home visit',
    status: 'completed',
    attendees: [[4, 'missed']],
    followUpDate: '2026-11-30',
  },
  { clinic: 'kisumu', at: '2026-11-01T09:00:00Z', type: 'Counselling', status: 'completed', attendees: [[0, 'attended']] },
  { clinic: 'nakuru', at: '2026-10-20T09:00:00Z', type: 'Counselling', status: 'completed', attendees: [[7, 'attended']] },
];

let ids: string[];

beforeEach(async () => {
  clock = new Date('2026-01-01T09:00:00.000Z');
  core = await openTestCore({ now: () => clock });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  kisumu = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  nakuru = { id: uuidv7() };
  const at = clock.toISOString();
  core.store.db.insert(clinics).values({ id: nakuru.id, code: 'NAK', name: 'Nakuru', createdAt: at, updatedAt: at }).run();
  types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
  ids = [];
  for (const [i, p] of people.entries()) {
    clock = new Date(p.registered);
    const input: RegisterInput = {
      clinicId: p.clinic === 'kisumu' ? kisumu.id : nakuru.id,
      givenName: `Person${i}`,
      familyName: 'Report',
      sex: p.sex,
      birthDate: p.birthDate,
      status: p.status,
    };
    ids.push(dataOf<Beneficiary>(await admin.mutate('beneficiaries.register', input)).id);
  }
  clock = new Date(`${today}T09:00:00Z`);
  for (const s of sessions) await create(s);
});

/** A planned session, recorded through the core. */
async function create(s: PlannedSession) {
  dataOf(
    await admin.mutate('sessions.create', {
      clinicId: s.clinic === 'kisumu' ? kisumu.id : nakuru.id,
      typeId: types.find((t) => t.name === s.type)!.id,
      staffId: me.id,
      scheduledAt: s.at,
      durationMinutes: 30,
      status: s.status,
      followUpDate: s.followUpDate,
      attendees: s.attendees.map(([i, attendance]) => ({ beneficiaryId: ids[i]!, attendance })),
    }),
  );
}
afterEach(() => core.close());

const dashboardOf = async (client: ReturnType<typeof testClient>, input: Partial<DashboardInput> = {}) =>
  dataOf<Dashboard>(await client.query('reports.dashboard', { period: 'lastMonth', today, ...input }));

// Independent arithmetic over the arrays above.
const inDays = (at: string, from: string, to: string) => at.slice(0, 10) >= from && at.slice(0, 10) <= to;
const october = { from: '2026-10-01', to: '2026-10-31' };
const before = { from: '2026-08-31', to: '2026-09-30' };
function expected(range: { from: string; to: string }, clinic: Person['clinic'] | null) {
  const mine = <T extends { clinic: Person['clinic'] }>(list: T[]) => list.filter((x) => clinic === null || x.clinic === clinic);
  const held = mine(sessions).filter((s) => s.status === 'completed' && inDays(s.at, range.from, range.to));
  const marks = held.flatMap((s) => s.attendees);
  return {
    active: mine(people).filter((p) => p.status === 'active' && p.registered.slice(0, 10) <= range.to).length,
    registered: mine(people).filter((p) => inDays(p.registered, range.from, range.to)).length,
    held: held.length,
    served: new Set(marks.filter(([, a]) => a === 'attended').map(([i]) => i)).size,
    attended: marks.filter(([, a]) => a === 'attended').length,
    marked: marks.filter(([, a]) => a === 'attended' || a === 'missed').length,
    overdue: mine(sessions).filter(
      (s) => s.followUpDate && s.followUpDate >= range.from && s.followUpDate <= range.to && s.followUpDate < today,
    ).length,
  };
}

describe('periods', () => {
  it('resolves presets on the user’s day, weeks from Monday, and the previous period has the same length', () => {
    expect(presetRange('thisWeek', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('thisMonth', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('quarter', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousRange({ from: '2026-10-01', to: '2026-10-31' })).toEqual(before);
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('refuses a custom period without dates, backwards, or over three years', async () => {
    const fieldErrors = async (input: Partial<DashboardInput>) => {
      const answer = await admin.query('reports.dashboard', { today, ...input });
      return answer.type === 'error' ? answer.error.fieldErrors : null;
    };
    expect(await fieldErrors({ period: 'custom' })).toEqual({ from: ['errors.required'], to: ['errors.required'] });
    expect(await fieldErrors({ period: 'custom', from: '2026-10-02', to: '2026-10-01' })).toEqual({ to: ['reports.errors.order'] });
    expect(await fieldErrors({ period: 'custom', from: '2020-01-01', to: '2026-10-01' })).toEqual({ from: ['reports.errors.tooLong'] });
  });
});

describe('headline figures', () => {
  it('counts last month against the 31 days before it, for every clinic', async () => {
    const { headline, filters } = await dashboardOf(admin);
    expect(filters.period).toEqual(october);
    expect(filters.previous).toEqual(before);
    const now = expected(october, null);
    const then = expected(before, null);
    expect(headline).toEqual({
      activeBeneficiaries: { current: now.active, previous: then.active },
      newRegistrations: { current: now.registered, previous: then.registered },
      sessionsHeld: { current: now.held, previous: then.held },
      beneficiariesServed: { current: now.served, previous: then.served },
      attendance: {
        current: { attended: now.attended, marked: now.marked },
        previous: { attended: then.attended, marked: then.marked },
      },
      overdueFollowUps: { current: now.overdue, previous: then.overdue },
    });
    // Spot checks of the arithmetic itself, so a wrong helper cannot hide a wrong query.
    expect(headline.sessionsHeld).toEqual({ current: 6, previous: 3 });
    expect(headline.attendance.current).toEqual({ attended: 6, marked: 8 });
    expect(headline.overdueFollowUps).toEqual({ current: 1, previous: 1 });
  });

  it('answers the same while a first sync has set the session indexes aside', async () => {
    const { headline } = await dashboardOf(admin);
    setIndexesAside(core.store.sqlite, ['beneficiaries', 'sessions', 'session_attendees']);
    expect((await dashboardOf(admin)).headline).toEqual(headline);
    restoreIndexes(core.store.sqlite);
  });

  it('narrows to a clinic, a session type and a staff member', async () => {
    const clinicOnly = await dashboardOf(admin, { clinicId: kisumu.id });
    expect(clinicOnly.headline.sessionsHeld.current).toBe(expected(october, 'kisumu').held);
    expect(clinicOnly.headline.newRegistrations.current).toBe(expected(october, 'kisumu').registered);

    const group = types.find((t) => t.name === 'Group session')!;
    const byType = await dashboardOf(admin, { typeId: group.id });
    expect(byType.headline.sessionsHeld.current).toBe(1);
    expect(byType.headline.beneficiariesServed.current).toBe(2);
    // Registrations are about people, not sessions: the type does not narrow them.
    expect(byType.headline.newRegistrations.current).toBe(expected(october, null).registered);

    const other = await dashboardOf(admin, { staffId: uuidv7() });
    expect(other.headline.sessionsHeld.current).toBe(0);
    expect(other.headline.attendance.current).toEqual({ attended: 0, marked: 0 });
  });

  it('a manager sees only their clinics, even when asking for another; staff cannot open reports', async () => {
    const manager = await clientAs(core, 'manager', [nakuru.id]);
    const theirs = await dashboardOf(manager);
    const nakuruOnly = expected(october, 'nakuru');
    expect(theirs.headline.sessionsHeld.current).toBe(nakuruOnly.held);
    expect(theirs.headline.activeBeneficiaries.current).toBe(nakuruOnly.active);
    expect(theirs.sessionsByStaff).toEqual([{ staffId: me.id, staffName: 'Amina Admin', count: nakuruOnly.held }]);
    const sneaky = await dashboardOf(manager, { clinicId: kisumu.id });
    expect(sneaky.headline.sessionsHeld).toEqual({ current: 0, previous: 0 });
    expect(sneaky.demographics).toEqual([]);

    const staff = await clientAs(core, 'staff', [kisumu.id]);
    const refused = await staff.query('reports.dashboard', { period: 'lastMonth', today });
    expect(refused.type === 'error' && refused.error.code).toBe('FORBIDDEN');
  });
});

describe('charts', () => {
  it('sessions per week by type, with empty weeks shown, Monday to Sunday', async () => {
    const { sessionsByWeek, types: legend } = await dashboardOf(admin, { clinicId: kisumu.id });
    const name = (id: string) => legend.find((t) => t.id === id)!.name;
    expect(sessionsByWeek.map((w) => [w.week, Object.fromEntries(w.byType.map((t) => [name(t.typeId), t.count]))])).toEqual([
      ['2026-09-28', { Counselling: 1 }],
      ['2026-10-05', { 'Group session': 1, Consultation: 1 }],
      ['2026-10-12', { Consultation: 1 }],
      ['2026-10-19', {}],
      ['2026-10-26', { 'Home visit': 1 }],
    ]);
  });

  it('attendance per week: attended over attended plus missed', async () => {
    const { attendanceByWeek } = await dashboardOf(admin);
    expect(attendanceByWeek).toEqual([
      { week: '2026-09-28', attended: 1, marked: 1 },
      { week: '2026-10-05', attended: 3, marked: 4 },
      { week: '2026-10-12', attended: 1, marked: 1 },
      { week: '2026-10-19', attended: 1, marked: 1 },
      { week: '2026-10-26', attended: 0, marked: 1 },
    ]);
  });

  it('registrations in the twelve months up to the period’s end', async () => {
    const { registrationsByMonth } = await dashboardOf(admin);
    expect(registrationsByMonth.map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    const counts = Object.fromEntries(registrationsByMonth.map((m) => [m.month, m.count]));
    for (const month of ['2026-06', '2026-09', '2026-10'])
      expect(counts[month], month).toBe(people.filter((p) => p.registered.startsWith(month)).length);
    expect(registrationsByMonth.reduce((n, m) => n + m.count, 0)).toBe(people.filter((p) => p.registered < '2026-11').length);
  });

  it('active people by sex and age band on the user’s day, birthdays included', async () => {
    const { demographics } = await dashboardOf(admin, { clinicId: kisumu.id });
    // Person 3 turns 16 today, so is counted in 5-17; person 5 turns 60 today but is inactive.
    const ageOn = (birth: string) => {
      const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
      return today.slice(5) < birth.slice(5) ? years - 1 : years;
    };
    const band = (birth: string | null) => {
      if (birth === null) return 'unknown';
      const age = ageOn(birth);
      return age < 5 ? '0-4' : age < 18 ? '5-17' : age < 60 ? '18-59' : '60+';
    };
    const counts = new Map<string, number>();
    for (const p of people.filter((p) => p.clinic === 'kisumu' && p.status === 'active' && p.registered < '2026-11-01')) {
      const key = `${p.sex} ${band(p.birthDate)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(new Map(demographics.map((d) => [`${d.sex} ${d.band}`, d.count]))).toEqual(counts);
    expect(band('2010-11-22')).toBe('5-17');
    expect(ageOn('2010-11-22')).toBe(16);
  });

  it('sessions per staff member, most first, named', async () => {
    const colleague = dataOf<SessionUser>(
      await admin.mutate('users.create', {
        name: 'Zainab Staff',
        email: 'zainab@example.org',
        role: 'staff',
        clinicIds: [kisumu.id],
        password: 'a long enough password',
      }),
    );
    for (const at of ['2026-10-02T09:00:00Z', '2026-10-03T09:00:00Z'])
      dataOf(
        await admin.mutate('sessions.create', {
          clinicId: kisumu.id,
          typeId: types[0]!.id,
          staffId: colleague.id,
          scheduledAt: at,
          durationMinutes: 30,
          status: 'completed',
          attendees: [{ beneficiaryId: ids[0]!, attendance: 'attended' }],
        }),
      );
    const { sessionsByStaff } = await dashboardOf(admin, { clinicId: kisumu.id });
    expect(sessionsByStaff).toEqual([
      { staffId: me.id, staffName: 'Amina Admin', count: expected(october, 'kisumu').held },
      { staffId: colleague.id, staffName: 'Zainab Staff', count: 2 },
    ]);
  });
});

describe('the daily summaries the session figures read', () => {
  // The same figures straight from the rows, to hold report_daily against.
  const fromRows = () =>
    core.store.sqlite
      .prepare(
        `select substr(s.scheduled_at, 1, 10) as day, s.clinic_id as clinicId, s.type_id as typeId, s.staff_id as staffId, count(*) as held,
           coalesce(sum((select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null and a.attendance = 'attended')), 0) as attended,
           coalesce(sum((select count(*) from session_attendees a where a.session_id = s.id and a.deleted_at is null and a.attendance in ('attended', 'missed'))), 0) as marked
         from sessions s where s.status = 'completed' and s.deleted_at is null group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      )
      .all();
  const summary = () =>
    core.store.sqlite
      .prepare(
        `select day, clinic_id as clinicId, type_id as typeId, staff_id as staffId, held, attended, marked from report_daily
         where held != 0 or attended != 0 or marked != 0 order by 1, 2, 3, 4`,
      )
      .all();
  const whoServed = () =>
    core.store.sqlite
      .prepare(`select day, clinic_id, type_id, staff_id, beneficiary_id, n from report_served where n != 0 order by 1, 2, 3, 4, 5`)
      .all();
  const servedFromRows = () =>
    core.store.sqlite
      .prepare(
        `select substr(s.scheduled_at, 1, 10) as day, s.clinic_id, s.type_id, s.staff_id, a.beneficiary_id, count(*) as n
         from sessions s join session_attendees a on a.session_id = s.id and a.deleted_at is null and a.attendance = 'attended'
         where s.status = 'completed' and s.deleted_at is null group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
      )
      .all();
  const reach = () => core.store.sqlite.prepare('select * from report_reach order by 1, 2, 3, 4, 5').all();
  /** Different people served, straight from the rows, for any days and filters: what report_reach must answer. */
  const servedCheck = () => {
    const rows = servedFromRows() as { day: string; clinic_id: string; type_id: string; staff_id: string; beneficiary_id: string }[];
    const ranges = [
      { from: '2026-09-28', to: '2026-10-09' },
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-09-30', to: '2026-11-01' },
      { from: '2025-12-15', to: '2026-10-06' },
      { from: '2026-10-07', to: '2026-10-07' },
      // Longer than two years: rows of more than one two-year span, merged.
      { from: '2024-01-15', to: '2026-10-31' },
    ];
    const filterSets = [
      {},
      { clinicId: kisumu.id },
      { typeId: types[0]!.id },
      { staffId: me.id },
      { typeId: types[1]!.id, staffId: me.id },
    ];
    for (const period of ranges)
      for (const set of filterSets) {
        const f = { clinicId: null, typeId: null, staffId: null, ...set };
        const filters = { period, previous: previousRange(period), today, ...f };
        const count = (r: { from: string; to: string }) =>
          new Set(
            rows
              .filter((x) => x.day >= r.from && x.day <= r.to)
              .filter((x) => (!f.clinicId || x.clinic_id === f.clinicId) && (!f.typeId || x.type_id === f.typeId))
              .filter((x) => !f.staffId || x.staff_id === f.staffId)
              .map((x) => x.beneficiary_id),
          ).size;
        expect([period, set, q.beneficiariesServed(core.store.sqlite, me, filters)]).toEqual([
          period,
          set,
          { current: count(period), previous: count(filters.previous) },
        ]);
      }
  };
  const sessionAt = (at: string) =>
    core.store.sqlite.prepare('select id from sessions where scheduled_at = ?').pluck().get(new Date(at).toISOString()) as string;

  it('stays equal to the rows through reschedules, edits, attendance changes, cancellations and merges', async () => {
    expect(summary()).toEqual(fromRows());
    expect(whoServed()).toEqual(servedFromRows());
    expect(summary().length).toBeGreaterThan(5);
    servedCheck();

    const group = sessionAt('2026-10-06T09:00:00Z');
    dataOf(await admin.mutate('sessions.reschedule', { id: group, scheduledAt: '2026-10-09T10:00:00.000Z' }));
    dataOf(
      await admin.mutate('sessions.markAttendance', {
        sessionId: group,
        attendees: [
          { beneficiaryId: ids[0]!, attendance: 'missed' },
          { beneficiaryId: ids[3]!, attendance: 'attended' },
        ],
      }),
    );
    const consult = sessionAt('2026-10-14T09:00:00Z');
    dataOf(
      await admin.mutate('sessions.update', {
        id: consult,
        clinicId: kisumu.id,
        typeId: types.find((t) => t.name === 'Home visit')!.id,
        staffId: me.id,
        scheduledAt: '2026-10-15T09:00:00.000Z',
        durationMinutes: 45,
        status: 'cancelled',
        attendees: [{ beneficiaryId: ids[2]!, attendance: 'expected' }],
      }),
    );
    const scheduled = dataOf<{ session: { id: string } }>(
      await admin.mutate('sessions.create', {
        clinicId: kisumu.id,
        typeId: types[0]!.id,
        staffId: me.id,
        scheduledAt: '2026-10-20T09:00:00.000Z',
        durationMinutes: 30,
        attendees: [{ beneficiaryId: ids[4]! }, { beneficiaryId: ids[5]! }],
      }),
    ).session;
    // Marking attendance completes it: held, attended and marked arrive together.
    dataOf(
      await admin.mutate('sessions.markAttendance', {
        sessionId: scheduled.id,
        attendees: [
          { beneficiaryId: ids[4]!, attendance: 'attended' },
          { beneficiaryId: ids[5]!, attendance: 'missed' },
        ],
      }),
    );
    dataOf(await admin.mutate('beneficiaries.merge', { survivorId: ids[0]!, duplicateId: ids[1]! }));
    expect(summary()).toEqual(fromRows());
    expect(whoServed()).toEqual(servedFromRows());
    servedCheck();

    const { headline } = await dashboardOf(admin, { clinicId: kisumu.id });
    const held = fromRows() as { day: string; clinicId: string; held: number }[];
    expect(headline.sessionsHeld.current).toBe(
      held.filter((r) => r.clinicId === kisumu.id && r.day >= october.from && r.day <= october.to).reduce((n, r) => n + r.held, 0),
    );
  });

  it('counts each person once across the calendar years a period and the one before it share', async () => {
    // 365 days to yesterday against the 365 before: 2025 lies in both, 2024 and 2026 in one each.
    const period = { from: '2025-11-22', to: '2026-11-21' };
    const previous = previousRange(period);
    expect(previous).toEqual({ from: '2024-11-22', to: '2025-11-21' });
    // Home visits: nobody attended one in the data above, so the type filter sees these alone.
    const visit = (clinic: Person['clinic'], at: string, attendees: [number, Attendance][]): PlannedSession => ({
      clinic,
      at,
      type: 'Home visit',
      status: 'completed',
      attendees,
    });
    const spanning = [
      visit('kisumu', '2025-12-10T09:00:00Z', [
        [0, 'attended'],
        [4, 'attended'],
      ]), // 2025, in the period
      visit('kisumu', '2025-06-01T09:00:00Z', [
        [0, 'attended'],
        [6, 'attended'],
      ]), // 2025, in the one before: 0 is in both
      visit('kisumu', '2025-03-05T09:00:00Z', [
        [1, 'attended'],
        [5, 'missed'],
      ]),
      visit('kisumu', '2024-12-01T09:00:00Z', [
        [1, 'attended'],
        [2, 'attended'],
      ]), // 1 in 2024 and 2025 of the same period
      visit('kisumu', '2024-11-21T23:30:00Z', [
        [3, 'attended'],
        [5, 'attended'],
      ]), // the day before the previous period
      visit('kisumu', '2026-11-22T09:00:00Z', [[5, 'attended']]), // today, after the period: 5 is in neither
      visit('nakuru', '2025-01-15T09:00:00Z', [[7, 'attended']]),
    ];
    for (const s of spanning) await create(s);
    const served = (range: { from: string; to: string }, clinic: Person['clinic'] | null, type: string | null) =>
      new Set(
        [...sessions, ...spanning]
          .filter((s) => s.status === 'completed' && inDays(s.at, range.from, range.to))
          .filter((s) => (clinic === null || s.clinic === clinic) && (type === null || s.type === type))
          .flatMap((s) => s.attendees.filter(([, a]) => a === 'attended').map(([i]) => i)),
      ).size;
    const visitId = types.find((t) => t.name === 'Home visit')!.id;
    const cases = [
      { clinic: null, type: null, filters: {} },
      { clinic: 'kisumu' as const, type: null, filters: { clinicId: kisumu.id } },
      { clinic: null, type: 'Home visit', filters: { typeId: visitId } },
      { clinic: 'kisumu' as const, type: 'Home visit', filters: { clinicId: kisumu.id, typeId: visitId, staffId: me.id } },
    ];
    for (const { clinic, type, filters } of cases)
      expect([
        filters,
        q.beneficiariesServed(core.store.sqlite, me, { period, previous, today, clinicId: null, typeId: null, staffId: null, ...filters }),
      ]).toEqual([filters, { current: served(period, clinic, type), previous: served(previous, clinic, type) }]);
    // The arithmetic itself: home visits reached 0 and 4 in the period; 0, 1, 2, 6 and Nakuru's 7 before it.
    expect(served(period, null, 'Home visit')).toBe(2);
    expect(served(previous, null, 'Home visit')).toBe(5);
    const { headline } = await dashboardOf(admin, { period: 'custom', ...period });
    expect(headline.beneficiariesServed).toEqual({ current: served(period, null, null), previous: served(previous, null, null) });
    servedCheck();
  });

  it('the migrations fill them from the sessions already there', () => {
    const statements = (file: string) => fs.readFileSync(path.join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint');
    const { sqlite } = core.store;
    const [daily, served, reached] = [summary(), whoServed(), reach()];
    expect(reached.length).toBeGreaterThan(10);
    sqlite.exec('delete from report_daily; delete from report_served; delete from report_reach;');
    sqlite.exec(statements('0008_report_daily.sql').at(-1)!);
    sqlite.exec(statements('0010_report_served.sql').at(-1)!);
    expect(summary()).toEqual(daily);
    expect(whoServed()).toEqual(served);
    expect(whoServed()).toEqual(servedFromRows());
    // report_served's own triggers rebuilt report_reach as it filled.
    expect(reach()).toEqual(reached);
    // An upgrade: 0013's yearly table and triggers over the same rows, then 0019 turns them into today's.
    for (const name of sqlite.prepare("select name from sqlite_master where type = 'trigger' and name like 'report_reach%'").pluck().all())
      sqlite.exec(`drop trigger ${name as string}`);
    sqlite.exec('drop table report_reach');
    const yearly = statements('0013_report_reach.sql').filter((sql) => !sql.includes('CREATE INDEX'));
    for (const sql of yearly) sqlite.exec(sql);
    expect(sqlite.prepare('select count(*) from report_reach').pluck().get()).toBeGreaterThan(10);
    for (const sql of statements('0019_report_reach_windows.sql')) sqlite.exec(sql);
    expect(reach()).toEqual(reached);
    servedCheck();
  });
});
