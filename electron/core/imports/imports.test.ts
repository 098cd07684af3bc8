import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Beneficiary, BeneficiaryPage } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import {
  type ImportFile,
  type ImportPreview,
  type ImportSummary,
  type ReportRow,
  type StartInput,
  UPLOAD_CHUNK_BYTES,
} from '../../../common/imports';
import type { ServerMessage } from '../../../common/rpc';
import type { SessionSummary } from '../../../common/sessions';
import { openCore, type Core } from '../core';
import { FileSecretStore } from '../secrets/file-secret-store';
import { clientAs, dataOf, migrationsFolder, openTestCore, setupAdmin, testClient } from '../testing';
import { BATCH_ROWS, settled, stage, writeBatch } from './run';

const fixtures = path.resolve(import.meta.dirname, '../../../e2e/fixtures');
const clock = new Date('2026-11-22T09:00:00.000Z');

let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let clinic: Clinic;

beforeEach(async () => {
  core = await openTestCore({ now: () => clock });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
});
afterEach(() => core.close());

const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

/** Sends a file the way the renderer does: begin, base64 chunks, finish. */
async function upload(client: ReturnType<typeof testClient>, name: string, bytes: Uint8Array = fs.readFileSync(path.join(fixtures, name))) {
  const { uploadId } = dataOf<{ uploadId: string }>(await client.mutate('imports.begin', { fileName: name, size: bytes.length }));
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const data = Buffer.from(bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES)).toString('base64');
    dataOf(await client.mutate('imports.chunk', { uploadId, offset, data }));
  }
  return client.mutate('imports.finish', { uploadId });
}

async function read(name: string): Promise<ImportFile> {
  return dataOf<ImportFile>(await upload(admin, name));
}

function input(file: ImportFile, sheetIndex = 0, extra: Partial<StartInput> = {}): StartInput {
  const sheet = file.sheets[sheetIndex]!;
  const kind = extra.kind ?? sheet.likelyKind;
  return { fileId: file.fileId, sheet: sheet.name, kind, mapping: sheet.guess[kind], clinicId: clinic.id, ...extra };
}

async function finished(id: string): Promise<ImportSummary> {
  await settled(core, id);
  return dataOf<ImportSummary>(await admin.query('imports.get', { id }));
}

async function registry(search = ''): Promise<BeneficiaryPage> {
  return dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', { search, limit: 500 }));
}

describe('reading files', () => {
  it('reads every encoding and delimiter to the same people', async () => {
    const expected = { encoding: '', delimiter: '' };
    const cases: [string, string, string][] = [
      ['people-utf8-bom.csv', 'utf-8', ','],
      ['people-utf8.csv', 'utf-8', ','],
      ['people-utf16le-bom.tsv', 'utf-16le', '\t'],
      ['people-utf16be.csv', 'utf-16be', ';'],
      ['people-cp1252.csv', 'windows-1252', ';'],
    ];
    for (const [name, encoding, delimiter] of cases) {
      const file = await read(name);
      Object.assign(expected, { encoding, delimiter });
      expect({ encoding: file.encoding, delimiter: file.delimiter }, name).toEqual(expected);
      const sheet = file.sheets[0]!;
      expect(sheet.guess.beneficiaries, name).toMatchObject({ givenName: 0, familyName: 1, sex: 2, birthDate: 3, nationalId: 4 });
      expect(sheet.sample[0]![0], name).toBe('Amélie');
      if (name !== 'people-cp1252.csv') expect(sheet.sample[2]![1], name).toBe('الحسن');
    }
  });

  it('finds the header row under merged titles, skips blank trailing rows, and reads formulas as their cached results', async () => {
    const file = await read('messy.xlsx');
    expect(file.format).toBe('xlsx');
    expect(file.sheets.map((s) => s.name)).toEqual(['Beneficiaries', 'عربي', 'Sessions']);
    const [people, arabic, sessions] = file.sheets;
    expect(people!.headerRow).toBe(3);
    expect(people!.rowCount).toBe(14);
    expect(people!.sample[0]![6]).toBe('Amélie Dubois');
    expect(arabic!.guess.beneficiaries).toMatchObject({ givenName: 0, familyName: 1, sex: 2, birthDate: 3, nationalId: 4, phone: 5 });
    expect(sessions!.likelyKind).toBe('sessions');
    expect(sessions!.guess.sessions).toMatchObject({ nationalId: 0, date: 1, time: 2, type: 3, attendance: 4, outcome: 5, notes: 6 });
  });

  it('refuses a zip bomb, a lying zip bomb and a huge shared-strings table with a clear message', async () => {
    for (const [name, message] of [
      ['hostile-zip-bomb.xlsx', 'imports.errors.zipTooLarge'],
      ['hostile-zip-bomb-lying.xlsx', 'imports.errors.zipTooLarge'],
      ['hostile-huge-strings.xlsx', 'imports.errors.tooManyStrings'],
    ]) {
      expect(errorOf(await upload(admin, name!))?.message, name).toBe(message);
    }
  }, 60_000);

  it('refuses files over 50 MB before reading them, and bytes that are not a workbook', async () => {
    expect(errorOf(await admin.mutate('imports.begin', { fileName: 'big.csv', size: 51 * 1024 * 1024 }))?.fieldErrors).toEqual({
      size: ['imports.errors.tooLarge'],
    });
    expect(errorOf(await upload(admin, 'fake.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')))?.message).toBe(
      'imports.errors.notAWorkbook',
    );
  });

  it('keeps formula-looking text as plain text', async () => {
    const file = await read('hostile-injection.xlsx');
    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id;
    expect((await finished(id)).counts.imported).toBe(3);
    const names = (await registry()).rows.map((r) => r.givenName).sort();
    expect(names).toEqual(['+SUM(1,2)', "=cmd|' /C calc'!A0", 'Formula']);
  });

  it('is for admins and managers only, and files belong to who sent them', async () => {
    const staff = await clientAs(core, 'staff', [clinic.id]);
    expect(errorOf(await staff.mutate('imports.begin', { fileName: 'a.csv', size: 10 }))?.code).toBe('FORBIDDEN');
    const manager = await clientAs(core, 'manager', [clinic.id]);
    const file = await read('people-utf8.csv');
    expect(errorOf(await manager.mutate('imports.preview', input(file)))?.code).toBe('NOT_FOUND');
    expect(dataOf<ImportFile>(await upload(manager, 'people-utf8.csv')).sheets[0]!.rowCount).toBe(12);
  });
});

describe('preview', () => {
  it('counts valid, invalid with a reason per cell, and duplicates within the file', async () => {
    const file = await read('messy.xlsx');
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file)));
    expect(preview).toMatchObject({ total: 14, valid: 12, invalid: 1, duplicates: 1, detectedDateOrder: 'dmy' });
    const bad = preview.rows.find((r) => r.status === 'invalid')!;
    expect(bad.row).toBe(17);
    expect(bad.problems.map((p) => [p.column, p.message])).toEqual(
      expect.arrayContaining([
        ['Sex', 'imports.reasons.sex'],
        ['Date of birth', 'errors.date'],
        ['Last name', 'errors.required'],
      ]),
    );
    const dup = preview.rows.find((r) => r.status === 'duplicate')!;
    expect(dup).toMatchObject({ row: 16, duplicate: { of: 'file', reasons: ['nationalId'], row: 4, allowed: ['skip'] } });
  });

  it('reads day-first, month-first and Excel serial dates, and asks when the order is ambiguous', async () => {
    const us = await read('people-us-dates.csv');
    expect(dataOf<ImportPreview>(await admin.mutate('imports.preview', input(us))).detectedDateOrder).toBe('mdy');
    const ambiguous = await read('people-ambiguous-dates.csv');
    const asked = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(ambiguous)));
    expect(asked).toMatchObject({ detectedDateOrder: 'ambiguous', valid: 0, invalid: 2 });
    expect(asked.rows[0]!.problems[0]!.message).toBe('imports.reasons.dateOrder');
    expect(errorOf(await admin.mutate('imports.start', input(ambiguous)))?.message).toBe('imports.errors.chooseDateOrder');
    const chosen = dataOf<ImportSummary>(await admin.mutate('imports.start', input(ambiguous, 0, { dateOrder: 'mdy' })));
    expect((await finished(chosen.id)).counts.imported).toBe(2);
    expect((await registry('Lopez')).rows[0]!.birthDate).toBe('1980-03-04');

    const file = await read('messy.xlsx');
    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id;
    await finished(id);
    const byId = new Map((await registry()).rows.map((r) => [r.nationalId, r]));
    expect(byId.get('FR-1001')).toMatchObject({ birthDate: '1985-03-14', sex: 'female', givenName: 'Amélie' });
    expect(byId.get('FR-1002')).toMatchObject({ birthDate: '1990-11-02', sex: 'male' }); // bare serial number, H = homme
    expect(byId.get('DZ-2001')).toMatchObject({ sex: 'male', familyName: 'الحسن' });
    expect(byId.get('FR-1004')?.sex).toBe('female'); // 2
  });

  it('finds probable duplicates of records already in the registry', async () => {
    dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Grace',
        familyName: 'Achieng',
        sex: 'female',
        birthDate: '1995-06-30',
      }),
    );
    const holder = dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Someone',
        familyName: 'Else',
        sex: 'male',
        nationalId: 'KE-3002',
      }),
    );
    const file = await read('people-utf8.csv');
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file)));
    expect(preview.duplicates).toBe(2);
    expect(preview.rows.find((r) => r.label === 'Grace Achieng')!.duplicate).toMatchObject({
      of: 'existing',
      reasons: ['name+birth'],
      allowed: ['skip', 'update', 'import'],
    });
    expect(preview.rows.find((r) => r.label === 'Otieno Ouma')!.duplicate).toMatchObject({
      of: 'existing',
      reasons: ['nationalId'],
      existingId: holder.id,
      allowed: ['skip', 'update'],
    });
  });

  it('lets other calls in while it judges a large sheet, and counts a record registered meanwhile', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Given${i},Family${i},F,NID-${i}`);
    const bytes = Buffer.from(['First name,Last name,Sex,National ID', ...rows].join('\n'));
    const file = dataOf<ImportFile>(await upload(admin, 'large.csv', bytes));
    const answered: string[] = [];
    const preview = admin.mutate('imports.preview', input(file)).then((m) => (answered.push('preview'), m));
    await new Promise((resolve) => setImmediate(resolve));
    // Registered while the preview is under way: the preview still sees it.
    const register = admin
      .mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Someone',
        familyName: 'Else',
        sex: 'male',
        nationalId: 'NID-2999',
      })
      .then((m) => (answered.push('register'), m));
    dataOf<Beneficiary>(await register);
    const result = dataOf<ImportPreview>(await preview);
    expect(answered).toEqual(['register', 'preview']);
    expect(result).toMatchObject({ total: 3000, valid: 2999, duplicates: 1 });
    expect(result.rows[0]).toMatchObject({ row: 3001, duplicate: { of: 'existing', reasons: ['nationalId'] } });
  });
});

describe('writing', () => {
  it('imports, updates, skips and rejects as chosen; audits each row with the file and row; queues it for sync; reports why', async () => {
    const existing = dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Otto',
        familyName: 'Ouma',
        sex: 'male',
        nationalId: 'KE-3002',
        notes: 'kept',
      }),
    );
    dataOf(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Grace',
        familyName: 'Achieng',
        sex: 'female',
        birthDate: '1995-06-30',
      }),
    );
    const file = await read('messy.xlsx');
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file)));
    const otieno = preview.rows.find((r) => r.duplicate?.existingId === existing.id)!;
    const grace = preview.rows.find((r) => r.label === 'Grace Achieng')!;
    const started = dataOf<ImportSummary>(
      await admin.mutate(
        'imports.start',
        input(file, 0, {
          decisions: [
            { row: otieno.row, action: 'update' },
            { row: grace.row, action: 'import', reason: 'Different mother' },
          ],
        }),
      ),
    );
    const done = await finished(started.id);
    expect(done.status).toBe('done');
    expect(done.counts).toEqual({ imported: 11, updated: 1, skipped: 1, rejected: 1, pending: 0, rolledBack: 0 });

    const updated = dataOf<Beneficiary>(await admin.query('beneficiaries.get', { id: existing.id }));
    expect(updated).toMatchObject({ givenName: 'Otieno', birthDate: '1988-08-17', notes: 'kept', phone: '0722 000111' });
    expect((await registry('Achieng')).total).toBe(2);
    // The batch's search rows, written together at its end: the updated record is found by its new name only.
    expect((await registry('Otieno')).rows.map((r) => r.id)).toContain(existing.id);
    expect((await registry('Otto')).rows.map((r) => r.id)).not.toContain(existing.id);

    const audit = core.store.sqlite
      .prepare("select action, detail from audit_log where json_extract(detail, '$.importId') = ? order by seq")
      .all(started.id) as { action: string; detail: string }[];
    const register = audit.filter((a) => a.action === 'beneficiaries.register').map((a) => JSON.parse(a.detail) as Record<string, unknown>);
    expect(register).toHaveLength(11);
    expect(register[0]).toMatchObject({ fileName: 'messy.xlsx', row: 4 });
    expect(register.find((d) => d.duplicateReason)).toMatchObject({ duplicateReason: 'Different mother' });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['imports.start', 'beneficiaries.update', 'imports.finish']));
    const queued = core.store.sqlite.prepare("select count(*) from outbox where entity = 'beneficiaries'").pluck().get();
    expect(queued).toBe(2 + 11 + 1);

    const report = dataOf<ReportRow[]>(await admin.query('imports.report', { id: started.id }));
    expect(report).toHaveLength(14);
    expect(report.find((r) => r.row === 16)).toMatchObject({
      outcome: 'skipped',
      problems: [{ message: 'imports.reasons.duplicateInFile', value: '4' }],
    });
    expect(report.find((r) => r.row === 17)!.outcome).toBe('rejected');
    expect(report.find((r) => r.row === 4)!.recordCode).toMatch(/^KIS-/);
  });

  it('judges the rows again at start when the registry changed after the preview', async () => {
    const file = await read('people-utf8.csv');
    expect(dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file))).duplicates).toBe(0);
    dataOf(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Someone',
        familyName: 'Else',
        sex: 'male',
        nationalId: 'KE-3002',
      }),
    );
    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id;
    expect((await finished(id)).counts).toMatchObject({ imported: 11, skipped: 1 });
  });

  it('rolls back completely: created records become tombstones, updated ones get their values back', async () => {
    const existing = dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Otto',
        familyName: 'Ouma',
        sex: 'male',
        nationalId: 'KE-3002',
      }),
    );
    const file = await read('people-utf8.csv');
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file)));
    const row = preview.rows.find((r) => r.duplicate?.existingId === existing.id)!.row;
    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', input(file, 0, { decisions: [{ row, action: 'update' }] }))).id;
    expect((await finished(id)).counts).toMatchObject({ imported: 11, updated: 1 });
    expect((await registry()).total).toBe(12);

    dataOf(await admin.mutate('imports.rollback', { id }));
    const rolled = await finished(id);
    expect(rolled.status).toBe('rolledBack');
    expect(rolled.counts).toMatchObject({ imported: 0, updated: 0, rolledBack: 12 });
    expect((await registry()).rows.map((r) => [r.givenName, r.birthDate])).toEqual([['Otto', null]]);
    expect(core.store.sqlite.prepare("select count(*) from audit_log where action = 'imports.rollback'").pluck().get()).toBe(12);
    // Tombstones sync as deletions.
    expect(core.store.sqlite.prepare("select count(*) from outbox where op = 'delete'").pluck().get()).toBe(11);
    expect(errorOf(await admin.mutate('imports.resume', { id }))?.message).toBe('imports.errors.finished');
  });

  it('after a crash mid-import, leaves whole batches and resumes without writing any row twice', async () => {
    const rows = Array.from({ length: BATCH_ROWS * 2 + 120 }, (_, i) => `Given${i},Family${i},${i % 2 ? 'M' : 'F'},NID-${i}`);
    const bytes = Buffer.from(['First name,Last name,Sex,National ID', ...rows].join('\n'));
    const file = dataOf<ImportFile>(await upload(admin, 'many.csv', bytes));
    const start = input(file);
    // Staged, then two batches written, then the process dies: no job, status still "running".
    const id = await stage(core, me, { ...start, dateOrder: 'auto', timeZone: 'UTC', decisions: [] } as Parameters<typeof stage>[2]);
    // Each record's id is given at staging; the batches write the records under those ids.
    const staged = core.store.sqlite
      .prepare("select target_id from import_rows where import_id = ? and action = 'create' and state = 'pending' order by row")
      .pluck()
      .all(id) as string[];
    expect(new Set(staged).size).toBe(BATCH_ROWS * 2 + 120);
    writeBatch(core, me, id);
    writeBatch(core, me, id);
    const dataDir = core.dataDir;
    core.close();

    core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, now: () => clock, signInDelayMs: () => 0 });
    admin = testClient(core);
    dataOf(await admin.mutate('account.signIn', { email: setupAdmin.email, password: setupAdmin.password }));
    const interrupted = dataOf<ImportSummary>(await admin.query('imports.get', { id }));
    expect(interrupted).toMatchObject({ status: 'interrupted', counts: { imported: BATCH_ROWS * 2, pending: 120 } });
    expect((await registry()).total).toBe(BATCH_ROWS * 2);

    dataOf(await admin.mutate('imports.resume', { id }));
    expect((await finished(id)).counts).toMatchObject({ imported: BATCH_ROWS * 2 + 120, pending: 0 });
    const ids = core.store.sqlite.prepare('select national_id from beneficiaries').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(BATCH_ROWS * 2 + 120);
    const written = core.store.sqlite
      .prepare(
        "select b.id from import_rows r join beneficiaries b on b.id = r.target_id where r.import_id = ? and r.state = 'done' order by r.row",
      )
      .pluck()
      .all(id) as string[];
    expect(written).toEqual(staged);
  });

  it('rejects at write time a row whose national ID was registered after staging, in this batch or by someone else', async () => {
    const rows = ['Ann,One,F,NID-1', 'Ben,Two,M,NID-2', 'Cat,Three,F,NID-3'];
    const file = dataOf<ImportFile>(
      await upload(admin, 'late.csv', Buffer.from(['First name,Last name,Sex,National ID', ...rows].join('\n'))),
    );
    const id = await stage(core, me, { ...input(file), dateOrder: 'auto', timeZone: 'UTC', decisions: [] } as Parameters<typeof stage>[2]);
    // Registered by a colleague between staging and writing.
    dataOf(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Other',
        familyName: 'Person',
        sex: 'male',
        nationalId: 'NID-2',
      }),
    );
    // A row staged with an ID the same batch writes first (as an update of an earlier row could) is refused too.
    core.store.sqlite
      .prepare("update import_rows set payload = json_set(payload, '$.nationalId', 'NID-1') where import_id = ? and row = 4")
      .run(id);
    writeBatch(core, me, id);
    const report = dataOf<ReportRow[]>(await admin.query('imports.report', { id }));
    expect(report.filter((r) => r.outcome === 'rejected').map((r) => [r.row, r.problems[0]!.message])).toEqual([
      [3, 'beneficiaries.errors.nationalIdTaken'],
      [4, 'beneficiaries.errors.nationalIdTaken'],
    ]);
    expect((await registry()).rows.map((r) => r.nationalId).sort()).toEqual(['NID-1', 'NID-2']);
  });

  it('a batch that fails writes nothing of itself; cancel stops between batches; both can resume', async () => {
    const rows = Array.from({ length: BATCH_ROWS * 3 }, (_, i) => `Given${i},Family${i},F,NID-${i}`);
    const file = dataOf<ImportFile>(
      await upload(admin, 'many.csv', Buffer.from(['First name,Last name,Sex,National ID', ...rows].join('\n'))),
    );
    // The disk "fails" on a person of the second batch: that batch must vanish whole.
    core.store.sqlite.exec(`create temp trigger fail after insert on beneficiaries when new.national_id = 'NID-${BATCH_ROWS + 199}'
      begin select raise(abort, 'simulated failure'); end`);
    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id;
    const failed = await finished(id);
    expect(failed).toMatchObject({ status: 'interrupted', counts: { imported: BATCH_ROWS, pending: BATCH_ROWS * 2 } });
    expect((await registry()).total).toBe(BATCH_ROWS);
    // The sync digest's insert trigger, set aside during each batch, is there after a batch written and one failed.
    const digestTrigger = "select count(*) from sqlite_master where type = 'trigger' and name = 'sync_digest_beneficiaries_insert'";
    expect(core.store.sqlite.prepare(digestTrigger).pluck().get()).toBe(1);

    core.store.sqlite.exec('drop trigger fail');
    dataOf(await admin.mutate('imports.resume', { id }));
    dataOf(await admin.mutate('imports.cancel', { id }));
    const cancelled = await finished(id);
    expect(cancelled.status).toBe('cancelled');
    // Whole batches only: every row counted as imported is in the registry, and nothing else.
    expect((await registry()).total).toBe(cancelled.counts.imported);
    expect(cancelled.counts.imported + cancelled.counts.pending).toBe(BATCH_ROWS * 3);

    dataOf(await admin.mutate('imports.resume', { id }));
    expect((await finished(id)).counts).toMatchObject({ imported: BATCH_ROWS * 3, pending: 0 });
    expect(core.jobs.list()).toEqual([]);
  });

  it('refuses a past session whose national ID two people share (one arrived by sync), rather than guess', async () => {
    const file = await read('messy.xlsx');
    await finished(dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id);
    core.store.sqlite
      .prepare(
        "update beneficiaries set national_id = 'KE-3001' where id = (select id from beneficiaries where national_id not in ('FR-1001', 'KE-3001', 'DZ-2001', 'KE-3002') limit 1)",
      )
      .run();
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', input(file, 2, { timeZone: 'Africa/Nairobi' })));
    expect(preview).toMatchObject({ total: 5, valid: 2, invalid: 3 });
    expect(preview.rows.map((r) => r.problems[0]!.message)).toContain('imports.reasons.personAmbiguous');
  });

  it('imports past sessions from a second sheet, linked by national ID, as completed sessions with attendance', async () => {
    const file = await read('messy.xlsx');
    await finished(dataOf<ImportSummary>(await admin.mutate('imports.start', input(file))).id);
    const sessionsSheet = input(file, 2, { timeZone: 'Africa/Nairobi' });
    const preview = dataOf<ImportPreview>(await admin.mutate('imports.preview', sessionsSheet));
    expect(preview).toMatchObject({ total: 5, valid: 3, invalid: 2 });
    expect(preview.rows.map((r) => r.problems[0]!.message).sort()).toEqual([
      'imports.reasons.personNotFound',
      'imports.reasons.typeNotFound',
    ]);

    const id = dataOf<ImportSummary>(await admin.mutate('imports.start', sessionsSheet)).id;
    expect((await finished(id)).counts).toMatchObject({ imported: 3, rejected: 2 });
    const list = dataOf<{ rows: SessionSummary[] }>(await admin.query('sessions.list', { from: '2024-01-01', to: '2024-01-31' }));
    expect(list.rows).toHaveLength(3);
    const first = list.rows.find((s) => s.scheduledAt === '2024-01-10T06:30:00.000Z')!;
    expect(first.status).toBe('completed');
    const session = dataOf<{ attendees: { attendance: string; outcome: string | null }[] }>(
      await admin.query('sessions.get', { id: first.id }),
    );
    expect(session.attendees).toEqual([expect.objectContaining({ attendance: 'attended', outcome: 'Follow-up agreed' })]);
    expect(core.store.sqlite.prepare("select count(*) from audit_log where action = 'imports.row'").pluck().get()).toBe(3);

    dataOf(await admin.mutate('imports.rollback', { id }));
    await finished(id);
    expect(
      dataOf<{ rows: SessionSummary[] }>(await admin.query('sessions.list', { from: '2024-01-01', to: '2024-01-31' })).rows,
    ).toHaveLength(0);
  });

  it('saves mappings by name for the next file', async () => {
    dataOf(
      await admin.mutate('imports.saveMapping', {
        name: 'Old system',
        kind: 'beneficiaries',
        columns: { givenName: 'First name', nationalId: 'ID card' },
      }),
    );
    expect(dataOf(await admin.query('imports.mappings'))).toEqual([
      { name: 'Old system', kind: 'beneficiaries', columns: { givenName: 'First name', nationalId: 'ID card' } },
    ]);
    dataOf(await admin.mutate('imports.deleteMapping', { name: 'Old system' }));
    expect(dataOf(await admin.query('imports.mappings'))).toEqual([]);
  });
});
