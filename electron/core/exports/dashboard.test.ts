import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { DashboardExportInput, ExportDelivered, ExportStatus } from '../../../common/exports';
import { addDays } from '../../../common/reports';
import type { SessionType } from '../../../common/sessions';
import { clinics } from '../../../db/schema';
import type { Core } from '../core';
import type { ExportFiles } from '../platform';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

// Each dashboard table exported with a period and a clinic, read back, and
// compared with figures recomputed here from the plain arrays that made the data.

const today = '2026-11-22';
const period = { from: '2026-10-01', to: '2026-10-31' };
// Names a spreadsheet would run as formulas: user data in headers (type names) and cells (staff names).
const hostileType = '=HYPERLINK("http://evil.example","x")';
const hostileStaff = '@SUM(A1:A9), "Boss"';

interface Person {
  home: boolean;
  registered: string;
  sex: 'female' | 'male';
  birthDate: string | null;
}
interface Planned {
  home: boolean;
  at: string;
  type: 'hostile' | 'Counselling';
  staff: 'admin' | 'hostile';
  status: 'completed' | 'cancelled';
  attendees: [number, 'attended' | 'missed' | 'excused'][];
}

const people: Person[] = [
  { home: true, registered: '2026-01-15T10:00:00Z', sex: 'female', birthDate: '1990-03-01' },
  { home: true, registered: '2026-10-05T10:00:00Z', sex: 'male', birthDate: '2023-01-10' },
  { home: true, registered: '2026-10-20T10:00:00Z', sex: 'female', birthDate: null },
  { home: true, registered: '2025-12-01T10:00:00Z', sex: 'male', birthDate: '1950-06-01' },
  { home: false, registered: '2026-10-10T10:00:00Z', sex: 'female', birthDate: '1995-05-05' },
];
const planned: Planned[] = [
  { home: true, at: '2026-09-30T09:00:00Z', type: 'Counselling', staff: 'admin', status: 'completed', attendees: [[0, 'attended']] },
  { home: true, at: '2026-10-01T09:00:00Z', type: 'hostile', staff: 'hostile', status: 'completed', attendees: [[0, 'attended']] },
  {
    home: true,
    at: '2026-10-06T09:00:00Z',
    type: 'Counselling',
    staff: 'hostile',
    status: 'completed',
    attendees: [
      [1, 'attended'],
      [2, 'missed'],
      [3, 'excused'],
    ],
  },
  { home: true, at: '2026-10-07T09:00:00Z', type: 'hostile', staff: 'admin', status: 'completed', attendees: [[3, 'missed']] },
  { home: true, at: '2026-10-14T09:00:00Z', type: 'Counselling', staff: 'hostile', status: 'cancelled', attendees: [[0, 'excused']] },
  { home: true, at: '2026-10-31T15:00:00Z', type: 'Counselling', staff: 'admin', status: 'completed', attendees: [[2, 'attended']] },
  { home: false, at: '2026-10-15T09:00:00Z', type: 'Counselling', staff: 'admin', status: 'completed', attendees: [[4, 'attended']] },
];

let clock: Date;
let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let home: Clinic;
let types: Record<Planned['type'], SessionType>;
let staff: Record<Planned['staff'], SessionUser>;
let delivered: Buffer[];

const exportFiles: ExportFiles = {
  async deliver(file) {
    delivered.push(fs.readFileSync(file.path));
    fs.rmSync(file.path);
    return { kind: 'download', url: `/exports/${delivered.length}` };
  },
};

beforeEach(async () => {
  clock = new Date('2025-11-01T09:00:00.000Z');
  delivered = [];
  core = await openTestCore({ now: () => clock, exportFiles });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  home = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  const away = uuidv7();
  core.store.db
    .insert(clinics)
    .values({ id: away, code: 'NAK', name: 'Nakuru', createdAt: clock.toISOString(), updatedAt: clock.toISOString() })
    .run();
  const all = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
  const made = dataOf<SessionType>(
    await admin.mutate('sessionTypes.create', { name: hostileType, color: '#aa3300', defaultDurationMinutes: 30 }),
  );
  types = { hostile: made, Counselling: all.find((t) => t.name === 'Counselling')! };
  const other = dataOf<SessionUser>(
    await admin.mutate('users.create', {
      name: hostileStaff,
      email: 'boss@example.org',
      role: 'staff',
      clinicIds: [home.id, away],
      password: 'a long enough password',
    }),
  );
  staff = { admin: me, hostile: other };
  const ids: string[] = [];
  for (const [i, p] of people.entries()) {
    clock = new Date(p.registered);
    const input = { clinicId: p.home ? home.id : away, givenName: `Person${i}`, familyName: 'Table', sex: p.sex, birthDate: p.birthDate };
    ids.push(dataOf<Beneficiary>(await admin.mutate('beneficiaries.register', input)).id);
  }
  clock = new Date(`${today}T09:00:00Z`);
  for (const s of planned)
    dataOf(
      await admin.mutate('sessions.create', {
        clinicId: s.home ? home.id : away,
        typeId: types[s.type].id,
        staffId: staff[s.staff].id,
        scheduledAt: s.at,
        durationMinutes: 30,
        status: s.status,
        attendees: s.attendees.map(([i, attendance]) => ({ beneficiaryId: ids[i]!, attendance })),
      }),
    );
});
afterEach(() => core.close());

async function exported(input: Omit<DashboardExportInput, 'filters' | 'format'> & { format?: 'csv' | 'xlsx' }, client = admin) {
  const started = dataOf<ExportStatus>(
    await client.mutate('exports.dashboard', {
      format: 'csv',
      filters: { period: 'custom', ...period, today, clinicId: home.id },
      ...input,
    }),
  );
  let status = started;
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = dataOf<ExportStatus>(await client.query('exports.status', { id: started.id }));
  }
  expect(status.state).toBe('done');
  expect(dataOf<ExportDelivered>(await client.mutate('exports.deliver', { id: started.id })).kind).toBe('download');
  return delivered.at(-1)!;
}

const csvOf = (bytes: Buffer) => {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.toString('utf8'), { bom: true }) as string[][];
};

// Independent arithmetic: the home clinic's completed sessions in the period.
const held = planned.filter(
  (s) => s.home && s.status === 'completed' && s.at.slice(0, 10) >= period.from && s.at.slice(0, 10) <= period.to,
);
const mondays = ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];
const inWeek = (s: Planned, monday: string) => s.at.slice(0, 10) >= monday && s.at.slice(0, 10) <= addDays(monday, 6);

describe('dashboard tables as CSV', () => {
  it('sessions per week by type: the dashboard’s columns, type names as neutralised text, counts that match', async () => {
    const [header, ...rows] = csvOf(await exported({ table: 'sessionsByWeek' }));
    // Types by name, as the legend orders them: '=' sorts before letters.
    expect(header).toEqual(['week', `'${hostileType}`, 'Counselling', 'total']);
    expect(rows).toEqual(
      mondays.map((monday) => {
        const week = held.filter((s) => inWeek(s, monday));
        const hostile = week.filter((s) => s.type === 'hostile').length;
        const counselling = week.filter((s) => s.type === 'Counselling').length;
        return [monday, String(hostile), String(counselling), String(week.length)];
      }),
    );
    // And it is what the dashboard itself shows.
    const dashboard = dataOf<{ sessionsByWeek: { week: string; byType: { count: number }[] }[] }>(
      await admin.query('reports.dashboard', { period: 'custom', ...period, today, clinicId: home.id }),
    );
    expect(rows.map((row) => [row[0], Number(row.at(-1))])).toEqual(
      dashboard.sessionsByWeek.map((w) => [w.week, w.byType.reduce((n, t) => n + t.count, 0)]),
    );
  });

  it('attendance per week: attended, attended or missed, and the rate in percent (empty when nobody was marked)', async () => {
    const [header, ...rows] = csvOf(await exported({ table: 'attendanceByWeek' }));
    expect(header).toEqual(['week', 'attended', 'marked', 'attendancePercent']);
    expect(rows).toEqual(
      mondays.map((monday) => {
        const marks = held.filter((s) => inWeek(s, monday)).flatMap((s) => s.attendees.map(([, a]) => a));
        const attended = marks.filter((a) => a === 'attended').length;
        const marked = marks.filter((a) => a !== 'excused').length;
        return [monday, String(attended), String(marked), marked === 0 ? '' : String(Math.round((attended / marked) * 1000) / 10)];
      }),
    );
    expect(rows[1]).toEqual(['2026-10-05', '1', '3', '33.3']);
  });

  it('registrations per month: the twelve months to the period’s end, in the clinic', async () => {
    const [header, ...rows] = csvOf(await exported({ table: 'registrationsByMonth' }));
    expect(header).toEqual(['month', 'registrations']);
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 10 + i, 1)).toISOString().slice(0, 7));
    expect(rows).toEqual(months.map((month) => [month, String(people.filter((p) => p.home && p.registered.slice(0, 7) === month).length)]));
  });

  it('sex by age band, in the user’s language when labels come with the request', async () => {
    const labels = {
      'reports.charts.ageBand': 'Âge',
      'beneficiaries.sex.female': 'Femme',
      'beneficiaries.sex.male': 'Homme',
      'reports.bands.0-4': '0–4 ans',
      'reports.bands.5-17': '5–17 ans',
      'reports.bands.18-59': '18–59 ans',
      'reports.bands.60+': '60 ans et plus',
      'reports.bands.unknown': 'Âge inconnu',
    };
    const [header, ...rows] = csvOf(await exported({ table: 'demographics', labels }));
    expect(header).toEqual(['Âge', 'Femme', 'Homme']);
    // Active people of the clinic registered by the period's end, aged on `today`.
    const band = (birth: string | null) => {
      if (!birth) return 'unknown';
      const age = 2026 - Number(birth.slice(0, 4)) - (birth.slice(5) > today.slice(5) ? 1 : 0);
      return age < 5 ? '0-4' : age < 18 ? '5-17' : age < 60 ? '18-59' : '60+';
    };
    const counted = people.filter((p) => p.home && p.registered.slice(0, 10) <= period.to);
    const count = (sex: string, b: string) => String(counted.filter((p) => p.sex === sex && band(p.birthDate) === b).length);
    expect(rows).toEqual(
      (['0-4', '5-17', '18-59', '60+', 'unknown'] as const).map((b) => [
        labels[`reports.bands.${b}`],
        count('female', b),
        count('male', b),
      ]),
    );
  });

  it('sessions per staff member: names are text, never formulas; most first', async () => {
    const [header, ...rows] = csvOf(await exported({ table: 'sessionsByStaff' }));
    expect(header).toEqual(['staff', 'sessions']);
    const byStaff = (who: Planned['staff']) => held.filter((s) => s.staff === who).length;
    expect(rows).toEqual([
      [`'${hostileStaff}`, String(byStaff('hostile'))],
      [me.name, String(byStaff('admin'))],
    ]);
    for (const row of [header!, ...rows]) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
  });
});

describe('dashboard tables as Excel, audit and permissions', () => {
  it('reads back with numbers as numbers and hostile names as plain text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported({ table: 'sessionsByStaff', format: 'xlsx' })) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).values).toEqual([undefined, hostileStaff, 2]);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it('is audited as a dashboard export with its filters; staff may not export; a manager gets their clinics only', async () => {
    await exported({ table: 'registrationsByMonth' });
    const entry = dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: 'exports.table' })).find(
      (e) => e.entity === 'dashboard',
    )!;
    expect(entry).toMatchObject({ userId: me.id });
    expect(entry.detail).toMatchObject({ format: 'csv', table: 'registrationsByMonth', rows: 12, outcome: 'done' });
    expect((entry.detail as { filters: { clinicId: string } }).filters.clinicId).toBe(home.id);

    const staffClient = await clientAs(core, 'staff', [home.id]);
    const refused = await staffClient.mutate('exports.dashboard', {
      table: 'sessionsByStaff',
      format: 'csv',
      filters: { period: 'custom', ...period, today },
    });
    expect(refused.type === 'error' && refused.error.code).toBe('FORBIDDEN');

    // A manager of the other clinic asks for the home clinic: the scope wins, nothing of it comes out.
    const manager = await clientAs(core, 'manager', [uuidv7()]);
    const [, ...rows] = csvOf(await exported({ table: 'sessionsByStaff' }, manager));
    expect(rows).toEqual([]);
  });
});
