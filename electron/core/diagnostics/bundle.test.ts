import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clinic } from '../../../common/clinics';
import type { DiagnosticsBundle } from '../../../common/diagnostics';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());

const planted = [
  'Zebulon',
  'Quixotefield',
  'NID-99887766',
  '+254 700 123 987',
  'zeb.quixote@example.org',
  'amina.private@example.org',
  'lives by the red gate',
];

describe('diagnostics export', () => {
  it('zips the summary, versions, settings, database statistics and logs, with no personal data planted in the store or the logs', async () => {
    core = await openTestCore({
      deploy: { file: '/etc/outpost/deploy.json', config: { errorReportingDsn: 'https://secret-key@errors.example.org/42' }, errors: [] },
    });
    const admin = testClient(core);
    await admin.mutate('account.setup', { ...setupAdmin, email: 'amina.private@example.org' });
    const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
    dataOf(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Zebulon',
        familyName: 'Quixotefield',
        sex: 'male',
        birthDate: '1970-01-01',
        nationalId: 'NID-99887766',
        phone: '+254 700 123 987',
        notes: 'lives by the red gate',
      }),
    );
    dataOf(
      await admin.mutate('users.create', {
        name: 'Zebulon Quixotefield',
        email: 'zeb.quixote@example.org',
        role: 'staff',
        clinicIds: [clinic.id],
        password: 'a long enough password',
      }),
    );
    // Failures that quote people, as a SQLite constraint message or a careless caller might.
    core.log.log('error', 'test.failure', {
      error: new Error("UNIQUE constraint failed: 'NID-99887766' for 'Zebulon Quixotefield'"),
      email: 'zeb.quixote@example.org',
    });
    core.log.log('warn', 'test.note', { notes: 'lives by the red gate', phone: '+254 700 123 987' });

    const bundle = dataOf<DiagnosticsBundle>(await admin.mutate('diagnostics.export'));
    expect(bundle.fileName).toMatch(/^outpost-diagnostics-[0-9TZ-]+\.zip$/);
    const files = unzipSync(Buffer.from(bundle.base64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(['database.json', 'logs/outpost.log', 'settings.json', 'summary.json', 'versions.json']);
    const text = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    for (const value of planted) expect(text).not.toContain(value);
    expect(text).not.toContain('secret-key');
    expect(text).not.toContain(core.key);

    const summary = JSON.parse(strFromU8(files['summary.json']!));
    expect(summary).toMatchObject({ counts: { beneficiaries: 1, users: 2 }, integrity: { state: 'pending' } });
    expect(JSON.parse(strFromU8(files['settings.json']!))).toMatchObject({ deploy: { config: { errorReportingDsn: '[set]' } } });
    expect(JSON.parse(strFromU8(files['database.json']!)).rows).toMatchObject({ beneficiaries: 1 });
    expect(strFromU8(files['logs/outpost.log']!)).toContain('test.failure');
  });

  it('is for administrators only', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    const staff = await clientAs(core, 'staff');
    expect(await staff.mutate('diagnostics.export')).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
  });
});
