import { afterEach, describe, expect, it } from 'vitest';
import type { Clinic } from '../../../common/clinics';
import type { Diagnostics } from '../../../common/diagnostics';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());

describe('diagnostics', () => {
  it('tells support versions, sizes, counts and recent errors, and no name of anyone', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
    await admin.mutate('beneficiaries.register', { clinicId: clinic.id, givenName: 'Zebulon', familyName: 'Quixotefield', sex: 'male', birthDate: '1970-01-01' });
    core.log.log('error', 'test.failure', { error: new Error("constraint failed on 'Zebulon Quixotefield'"), row: { givenName: 'Zebulon' } });

    const report = dataOf<Diagnostics>(await admin.query('diagnostics.summary'));
    expect(report).toMatchObject({ counts: { beneficiaries: 1, users: 1 }, schemaVersion: expect.any(Number), lastBackupAt: null });
    expect(report.databaseBytes).toBeGreaterThan(0);
    expect(report.versions.sqlite).toMatch(/^3\./);
    expect(report.recentErrors).toEqual([expect.objectContaining({ event: 'test.failure' })]);
    expect(JSON.stringify(report)).not.toMatch(/Zebulon|Quixotefield/);
  });
});
