import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import { clinics } from '../../../db/schema';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());

describe('the audit viewer', () => {
  it("shows a manager their clinics' trail and not another clinic's, with filters by action, user, record and period", async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    const home = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
    const at = new Date().toISOString();
    const otherId = '0190a000-0000-7000-8000-0000000000cc';
    core.store.db.insert(clinics).values({ id: otherId, code: 'NRB', name: 'Nairobi', createdAt: at, updatedAt: at }).run();
    const person = (clinicId: string, givenName: string) => ({
      clinicId,
      givenName,
      familyName: 'Audit',
      sex: 'male',
      birthDate: '1970-01-01',
      duplicateReason: 'x',
    });
    const mine = dataOf<Beneficiary>(await admin.mutate('beneficiaries.register', person(home.id, 'Mine')));
    const theirs = dataOf<Beneficiary>(await admin.mutate('beneficiaries.register', person(otherId, 'Theirs')));

    const manager = await clientAs(core, 'manager', [home.id]);
    dataOf(await manager.query('beneficiaries.get', { id: mine.id }));
    const seen = dataOf<AuditEntry[]>(await manager.query('audit.recent', { limit: 500 }));
    expect(seen.some((e) => e.rowId === mine.id)).toBe(true);
    expect(seen.some((e) => e.rowId === theirs.id)).toBe(false);

    const all = dataOf<AuditEntry[]>(await admin.query('audit.recent', { limit: 500 }));
    expect(all.some((e) => e.rowId === theirs.id)).toBe(true);
    expect(
      dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: 'beneficiaries.' })).every((e) =>
        e.action.startsWith('beneficiaries.'),
      ),
    ).toBe(true);
    expect(dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: '%' }))).toEqual([]);
    expect(
      dataOf<AuditEntry[]>(await admin.query('audit.recent', { entity: 'beneficiaries', rowId: mine.id })).map((e) => e.action),
    ).toEqual(['beneficiaries.view', 'beneficiaries.register']);
    expect(dataOf<AuditEntry[]>(await admin.query('audit.recent', { to: '2000-01-01' }))).toEqual([]);
    const today = at.slice(0, 10);
    expect(dataOf<AuditEntry[]>(await admin.query('audit.recent', { from: today, to: today })).length).toBeGreaterThan(3);
  });
});
