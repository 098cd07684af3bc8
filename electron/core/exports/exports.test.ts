import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ExportDelivered, ExportStatus, PrintDocument, TableExportInput } from '../../../common/exports';
import type { ServerMessage } from '../../../common/rpc';
import type { SessionType } from '../../../common/sessions';
import type { Core } from '../core';
import type { ExportFiles, Printer } from '../platform';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

// Names a spreadsheet or a parser could trip on: formulas, quotes, separators, line breaks, scripts.
const hostile = [
  { givenName: '=HYPERLINK("http://evil.example","click")', familyName: 'Formula' },
  { givenName: '+254700000000', familyName: 'Plus' },
  { givenName: '-2+3', familyName: 'Minus' },
  { givenName: '@SUM(A1:A9)', familyName: 'At' },
  { givenName: '\tTabbed', familyName: 'Tab' },
  { givenName: 'Line\r\nbreak', familyName: 'Crlf' },
  { givenName: 'He said "hi", then left', familyName: 'Quote' },
  { givenName: 'فاطمة', familyName: 'الزهراء' },
  { givenName: 'Hélène', familyName: 'Béatrice-Öğretmen' },
];

let clock = new Date('2026-11-22T09:00:00.000Z');
let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let clinic: Clinic;
let printed: PrintDocument[];
let delivered: { path: string; fileName: string; contentType: string; bytes: Buffer }[];

const printer: Printer = {
  async print(document) {
    printed.push(document);
    return new TextEncoder().encode('%PDF-1.7 test');
  },
};
// The host's part: it takes the file over (here: reads it and deletes it, as the web host does after a download).
const exportFiles: ExportFiles = {
  async deliver(file) {
    delivered.push({ ...file, bytes: fs.readFileSync(file.path) });
    fs.rmSync(file.path);
    return { kind: 'download', url: `/exports/${delivered.length}` };
  },
};

beforeEach(async () => {
  clock = new Date('2026-11-22T09:00:00.000Z');
  printed = [];
  delivered = [];
  core = await openTestCore({ now: () => clock, printer, exportFiles });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
});
afterEach(() => core.close());

const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

async function register(client: ReturnType<typeof testClient>, person: Partial<Beneficiary> & { givenName: string; familyName: string }) {
  return dataOf<Beneficiary>(await client.mutate('beneficiaries.register', { clinicId: clinic.id, sex: 'female', ...person }));
}

async function finished(client: ReturnType<typeof testClient>, started: ExportStatus): Promise<ExportStatus> {
  for (;;) {
    const status = dataOf<ExportStatus>(await client.query('exports.status', { id: started.id }));
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts an export, waits for it, and fetches the file as the user would. */
async function exportTable(client: ReturnType<typeof testClient>, input: TableExportInput): Promise<Buffer> {
  const status = await finished(client, dataOf<ExportStatus>(await client.mutate('exports.table', input)));
  expect(status.state).toBe('done');
  expect(dataOf<ExportDelivered>(await client.mutate('exports.deliver', { id: status.id })).kind).toBe('download');
  return delivered.at(-1)!.bytes;
}

const unquote = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

describe('CSV export', () => {
  it('writes every matching row with the chosen columns: BOM, CRLF, RFC 4180 quoting, formulas neutralised', async () => {
    const people = [];
    for (const [i, person] of hostile.entries())
      people.push(await register(admin, { ...person, birthDate: '1990-05-17', phone: `+254 700 000 ${100 + i}` }));
    await register(admin, { givenName: 'Archived', familyName: 'Person', status: 'archived' });

    const bytes = await exportTable(admin, {
      list: 'beneficiaries',
      format: 'csv',
      columns: ['code', 'givenName', 'familyName', 'birthDate', 'phone', 'createdAt'],
      filters: { status: 'active', sort: 'code' },
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(people.length);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(['code', 'givenName', 'familyName', 'birthDate', 'phone', 'createdAt']);
    const expected = [...people].sort((a, b) => a.code.localeCompare(b.code));
    expect(rows.map((row) => row.map(unquote))).toEqual(
      expected.map((p) => [p.code, p.givenName, p.familyName, '1990-05-17', p.phone, p.createdAt]),
    );
    // Every cell a spreadsheet would run as a formula starts with a quote; nothing else does.
    for (const row of rows) for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    expect(rows.find((row) => row[2] === 'Formula')![1]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows.find((row) => row[2] === 'Crlf')![1]).toBe('Line\r\nbreak');
    expect(rows.find((row) => row[2] === 'الزهراء')![1]).toBe('فاطمة');
    expect(rows.find((row) => row[1] === 'Hélène')![2]).toBe('Béatrice-Öğretmen');
    expect(text).toContain('"He said ""hi"", then left"');
    expect(createdAtIsIso(rows)).toBe(true);
  });

  it('headers in the user’s language when the request brings the words, field keys otherwise', async () => {
    await register(admin, { givenName: 'Amal', familyName: 'Haddad' });
    const columns = ['code', 'familyName'] as const;
    const labels = { 'exports.columns.code': 'الرمز', 'exports.columns.familyName': '=Nom de famille' };
    const [translated] = parse(
      (await exportTable(admin, { list: 'beneficiaries', format: 'csv', columns: [...columns], filters: {}, labels })).toString('utf8'),
      { bom: true },
    ) as string[][];
    expect(translated).toEqual(['الرمز', "'=Nom de famille"]);
    const [keys] = parse(
      (await exportTable(admin, { list: 'beneficiaries', format: 'csv', columns: [...columns], filters: {} })).toString('utf8'),
      { bom: true },
    ) as string[][];
    expect(keys).toEqual(['code', 'familyName']);
  });

  it('is audited with who, what, the filters and the row count', async () => {
    for (const person of hostile.slice(0, 3)) await register(admin, person);
    await exportTable(admin, { list: 'beneficiaries', format: 'csv', columns: ['code', 'familyName'], filters: { search: 'Plus' } });
    const entries = dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: 'exports.table' }));
    const entry = entries.find((e) => e.action === 'exports.table')!;
    expect(entry).toMatchObject({ userId: me.id, entity: 'beneficiaries' });
    expect(entry.detail).toMatchObject({ format: 'csv', columns: ['code', 'familyName'], rows: 1, outcome: 'done' });
    expect((entry.detail as { filters: { search: string } }).filters.search).toBe('Plus');
  });

  it('exports sessions and attendance with the list filters, one attendance row per person', async () => {
    const types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
    const a = await register(admin, { givenName: 'Amal', familyName: 'Haddad' });
    const b = await register(admin, { givenName: 'Élodie', familyName: 'Martin' });
    const group = types.find((t) => t.isGroup)!;
    await admin.mutate('sessions.create', {
      clinicId: clinic.id,
      typeId: group.id,
      staffId: me.id,
      scheduledAt: '2026-11-20T09:00:00.000Z',
      durationMinutes: 60,
      status: 'completed',
      attendees: [
        { beneficiaryId: a.id, attendance: 'attended', outcome: '=cmd|"/c calc"!A1' },
        { beneficiaryId: b.id, attendance: 'missed' },
      ],
    });
    await admin.mutate('sessions.create', {
      clinicId: clinic.id,
      typeId: group.id,
      staffId: me.id,
      scheduledAt: '2026-10-01T09:00:00.000Z',
      durationMinutes: 60,
      status: 'completed',
      attendees: [{ beneficiaryId: a.id, attendance: 'attended' }],
    });
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const sessions = parse(
      await exportTable(admin, {
        list: 'sessions',
        format: 'csv',
        columns: ['scheduledAt', 'type', 'attendees', 'attended'],
        filters: november,
      }),
      { bom: true },
    ) as string[][];
    expect(sessions).toEqual([
      ['scheduledAt', 'type', 'attendees', 'attended'],
      ['2026-11-20T09:00:00.000Z', group.name, '2', '1'],
    ]);
    const attendance = parse(
      await exportTable(admin, {
        list: 'attendance',
        format: 'csv',
        columns: ['beneficiaryName', 'attendance', 'outcome'],
        filters: november,
      }),
      { bom: true },
    ) as string[][];
    expect(attendance.slice(1).sort()).toEqual([
      ['Amal Haddad', 'attended', `'=cmd|"/c calc"!A1`],
      ['Élodie Martin', 'missed', ''],
    ]);
    // A session whose type has not arrived yet (sync applies pages out of order) still exports, untyped.
    core.store.sqlite.prepare('delete from session_types where id = ?').run(group.id);
    const untyped = parse(
      await exportTable(admin, { list: 'sessions', format: 'csv', columns: ['scheduledAt', 'type', 'attendees'], filters: november }),
      { bom: true },
    ) as string[][];
    expect(untyped).toEqual([
      ['scheduledAt', 'type', 'attendees'],
      ['2026-11-20T09:00:00.000Z', '', '2'],
    ]);
  });
});

function createdAtIsIso(rows: string[][]): boolean {
  return rows.every((row) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(row.at(-1)!));
}

describe('Excel export', () => {
  it('reads back with the same values, text kept as text', async () => {
    const people = [];
    for (const person of hostile) people.push(await register(admin, { ...person, birthDate: '2001-02-03' }));
    const bytes = await exportTable(admin, {
      list: 'beneficiaries',
      format: 'xlsx',
      columns: ['code', 'givenName', 'familyName', 'birthDate', 'birthDateEstimated'],
      filters: { sort: 'code' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('beneficiaries')!;
    const values = sheet.getSheetValues().slice(1) as unknown[][];
    expect(values[0]!.slice(1)).toEqual(['code', 'givenName', 'familyName', 'birthDate', 'birthDateEstimated']);
    const expected = [...people].sort((a, b) => a.code.localeCompare(b.code));
    // XML keeps a line break as LF: CR LF in a name reads back as LF.
    const xmlText = (text: string) => text.replace(/\r\n/g, '\n');
    expect(values.slice(1).map((row) => row.slice(1))).toEqual(
      expected.map((p) => [p.code, xmlText(p.givenName), p.familyName, '2001-02-03', false]),
    );
    expect(sheet.getCell('B2').type).not.toBe(ExcelJS.ValueType.Formula);
  });
});

describe('jobs, cancel and permissions', () => {
  it('a long export shows progress in core.jobs and a cancel stops it, leaves no file, and is audited', async () => {
    // Many plain rows, straight into the table: the export reads nothing else.
    core.store.sqlite
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
         insert into beneficiaries (id, created_at, updated_at, clinic_id, code, given_name, family_name)
         select printf('00000000-0000-7000-8000-%012d', i), ?, ?, ?, printf('KIS-BULK-%05d', i), 'Bulk', 'Person ' || i from n`,
      )
      .run(clock.toISOString(), clock.toISOString(), clinic.id);
    const started = dataOf<ExportStatus>(
      await admin.mutate('exports.table', {
        list: 'beneficiaries',
        format: 'xlsx',
        columns: ['code', 'givenName', 'familyName'],
        filters: {},
      }),
    );
    expect(core.jobs.list()).toMatchObject([{ kind: 'export' }]);
    // Cancel once it is under way, as a person watching the bar would.
    while (dataOf<ExportStatus>(await admin.query('exports.status', { id: started.id })).done === 0)
      await new Promise((resolve) => setTimeout(resolve, 1));
    expect(core.jobs.list()[0]).toMatchObject({ kind: 'export', total: 20_000 });
    const cancelled = await finished(admin, dataOf<ExportStatus>(await admin.mutate('exports.cancel', { id: started.id })));
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(20_000);
    expect(core.jobs.list()).toEqual([]);
    expect(fs.readdirSync(`${core.dataDir}/exports`)).toEqual([]);
    expect(errorOf(await admin.mutate('exports.deliver', { id: started.id }))).toMatchObject({ code: 'CONFLICT' });
    const entry = dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: 'exports.table' })).find(
      (e) => e.action === 'exports.table',
    );
    expect(entry?.detail).toMatchObject({ outcome: 'cancelled' });
  });

  it('staff may not export lists; a manager exports only their clinic; nobody sees another user’s export', async () => {
    await register(admin, { givenName: 'Kisumu', familyName: 'Person' });
    const staff = await clientAs(core, 'staff', [clinic.id]);
    const input: TableExportInput = { list: 'beneficiaries', format: 'csv', columns: ['code'], filters: {} };
    expect(errorOf(await staff.mutate('exports.table', input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await staff.mutate('exports.report', { page: 'beneficiaries', filters: {} }))).toMatchObject({ code: 'FORBIDDEN' });

    const elsewhere = await clientAs(core, 'manager', ['01890000-0000-7000-8000-000000000000']);
    const rows = parse(await exportTable(elsewhere, input), { bom: true }) as string[][];
    expect(rows).toEqual([['code']]);

    const mine = dataOf<ExportStatus>(await admin.mutate('exports.table', input));
    expect(errorOf(await elsewhere.query('exports.status', { id: mine.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(await elsewhere.mutate('exports.cancel', { id: mine.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await finished(admin, mine);
  });
});

describe('printed reports', () => {
  it('the case summary: staff of the clinic may print it, with every session and outcome', async () => {
    const types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
    const person = await register(admin, { givenName: 'Nour', familyName: 'الحسن', birthDate: '1985-03-04' });
    for (const [day, attendance, outcome] of [
      ['2026-11-02', 'attended', 'Plan agreed'],
      ['2026-11-09', 'missed', null],
      ['2026-11-16', 'attended', 'Référé à la clinique'],
    ] as const)
      await admin.mutate('sessions.create', {
        clinicId: clinic.id,
        typeId: types[0]!.id,
        staffId: me.id,
        scheduledAt: `${day}T08:00:00.000Z`,
        durationMinutes: 30,
        status: 'completed',
        attendees: [{ beneficiaryId: person.id, attendance, outcome }],
      });
    const staff = await clientAs(core, 'staff', [clinic.id]);
    const status = await finished(
      staff,
      dataOf<ExportStatus>(await staff.mutate('exports.caseSummary', { beneficiaryId: person.id, locale: 'ar' })),
    );
    expect(status).toMatchObject({ state: 'done', fileName: 'case-2026-11-22.pdf' });
    const [doc] = printed;
    expect(doc).toMatchObject({ page: 'case', locale: 'ar', direction: 'rtl' });
    expect(doc!.header).toMatchObject({ organisation: setupAdmin.organisation, clinic: clinic.name, generatedAt: clock.toISOString() });
    expect(doc!.figures).toEqual([
      { label: 'exports.figures.sessions', value: 3 },
      { label: 'exports.figures.attendances', value: 2 },
    ]);
    expect(doc!.tables[0]!.rows.map((row) => row[4])).toEqual(['Référé à la clinique', null, 'Plan agreed']);

    const outsider = await clientAs(core, 'staff', ['01890000-0000-7000-8000-000000000000']);
    expect(errorOf(await outsider.mutate('exports.caseSummary', { beneficiaryId: person.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the session log totals what the filters match', async () => {
    const types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await register(admin, { givenName: `P${i}`, familyName: 'Log' }));
    for (let i = 0; i < 5; i++)
      await admin.mutate('sessions.create', {
        clinicId: clinic.id,
        typeId: types.find((t) => t.isGroup)!.id,
        staffId: me.id,
        scheduledAt: `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00.000Z`,
        durationMinutes: 30,
        status: 'completed',
        attendees: people.slice(0, i).map((p, j) => ({ beneficiaryId: p.id, attendance: j % 2 === 0 ? 'attended' : 'missed' })),
      });
    const status = await finished(
      admin,
      dataOf<ExportStatus>(await admin.mutate('exports.report', { page: 'sessions', filters: { from: '2026-11-11', to: '2026-11-13' } })),
    );
    expect(status.state).toBe('done');
    const table = printed[0]!.tables[0]!;
    // Sessions on the 11th, 12th and 13th hold 1, 2 and 3 people; people 0 and 2 attend.
    expect(table.rows.length).toBe(3);
    expect(table.footer).toEqual(['exports.tables.total', null, null, null, 6, 4]);
  });
});
