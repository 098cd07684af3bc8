import { afterEach, describe, expect, it } from 'vitest';
import type { BeneficiaryPage } from '../../common/beneficiaries';
import type { Clinic } from '../../common/clinics';
import type { Core } from './core';
import { dataOf, openTestCore, setupAdmin, testClient } from './testing';

let core: Core;
afterEach(() => core?.close());

describe('a full disk', () => {
  it('gives a clear error, writes nothing half-done, corrupts nothing, and writing resumes when space returns', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
    const person = (i: number) => ({
      clinicId: clinic.id,
      givenName: `Person${i}`,
      familyName: 'Full'.repeat(200),
      sex: 'female',
      birthDate: '1990-01-01',
      notes: 'x'.repeat(4000),
      duplicateReason: 'test',
    });
    const { sqlite } = core.store;
    // The store may not grow past its current size: exactly what a full disk does to SQLite.
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);

    let answer;
    for (let i = 0; i < 50; i++) {
      answer = await admin.mutate('beneficiaries.register', person(i));
      if (answer.type === 'error') break;
    }
    expect(answer).toMatchObject({ type: 'error', error: { code: 'STORAGE_FULL', message: 'errors.storageFull' } });
    expect(sqlite.prepare('pragma integrity_check').pluck().all()).toEqual(['ok']);
    const before = dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', {})).total;
    // Every stored row has its audit entry and outbox entry: the failed write left nothing behind.
    expect(sqlite.prepare('select count(*) from outbox where entity = ?').pluck().get('beneficiaries')).toBe(before);

    sqlite.pragma('max_page_count = 1073741823');
    expect(await admin.mutate('beneficiaries.register', person(99))).toMatchObject({ type: 'data' });
    expect(dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', {})).total).toBe(before + 1);
  });
});
