import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary, BeneficiaryPage, RegisterInput } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ServerMessage } from '../../../common/rpc';
import { auditLog, outbox, sessionAttendees } from '../../../db/schema';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
let admin: ReturnType<typeof testClient>;
let clinic: Clinic;

beforeEach(async () => {
  core = await openTestCore();
  admin = testClient(core);
  dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
});
afterEach(() => core.close());

const person = (overrides: Partial<RegisterInput> = {}): RegisterInput => ({
  clinicId: clinic.id,
  givenName: 'Amina',
  familyName: 'Odhiambo',
  sex: 'female',
  birthDate: '1990-04-12',
  phone: '+254 712 345 678',
  consent: true,
  consentDate: '2026-11-01',
  ...overrides,
});

async function register(overrides: Partial<RegisterInput> = {}, client = admin): Promise<Beneficiary> {
  return dataOf<Beneficiary>(await client.mutate('beneficiaries.register', person(overrides)));
}

async function search(text: string, client = admin): Promise<string[]> {
  const page = dataOf<BeneficiaryPage>(await client.query('beneficiaries.list', { search: text }));
  return page.rows.map((r) => `${r.givenName} ${r.familyName}`);
}

function errorOf(message: ServerMessage) {
  if (message.type !== 'error') throw new Error(`Expected an error, got ${JSON.stringify(message)}`);
  return message.error;
}

describe('registering and finding beneficiaries', () => {
  it('gives a readable code and writes the row, its audit entry and its outbox entry together', async () => {
    const amina = await register();
    expect(amina.code).toMatch(/^KIS-[0-9A-Z]{3}-0001$/);
    expect((await register({ givenName: 'Baraka', familyName: 'Otieno', phone: null, birthDate: '1985-01-01' })).code).toMatch(/-0002$/);
    const audited = core.store.db
      .select()
      .from(auditLog)
      .all()
      .filter((e) => e.rowId === amina.id);
    expect(audited.map((e) => e.action)).toEqual(['beneficiaries.register']);
    const queued = core.store.db
      .select()
      .from(outbox)
      .all()
      .filter((e) => e.rowId === amina.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.fields).toMatchObject({ givenName: 'Amina', code: amina.code });
  });

  it('finds a person by a fragment of the name without its accent, a partial phone, the code, the ID, in Arabic', async () => {
    const creme = await register({ givenName: 'Crème', familyName: 'Brûlée', phone: '0722 111 222', nationalId: 'ID-99887766' });
    await register({ givenName: 'أحمد', familyName: 'الحسن', phone: null, birthDate: '1970-01-01' });
    await register({ givenName: 'John', familyName: 'Smith', phone: '0733 000 999', birthDate: '1960-01-01' });

    expect(await search('creme')).toEqual(['Crème Brûlée']);
    expect(await search('RULE')).toEqual(['Crème Brûlée']);
    expect(await search('111 22')).toEqual(['Crème Brûlée']);
    expect(await search(creme.code.slice(-8).toLowerCase())).toEqual(['Crème Brûlée']);
    expect(await search('998877')).toEqual(['Crème Brûlée']);
    expect(await search('احمد')).toEqual(['أحمد الحسن']);
    expect(await search('حسن')).toEqual(['أحمد الحسن']);
    expect(await search('jo')).toEqual(['John Smith']);
    expect(await search('"; drop table beneficiaries; --')).toEqual([]);
    expect(await search('smith NEAR(x)')).toEqual([]);
  });

  it('sorts and filters, and the filters combine with the search', async () => {
    await register({
      givenName: 'Zawadi',
      familyName: 'Achieng',
      sex: 'female',
      birthDate: '2024-05-01',
      phone: null,
      tags: ['nutrition'],
    });
    await register({ givenName: 'Yusuf', familyName: 'Kamau', sex: 'male', birthDate: '1950-05-01', phone: null });
    await register({ givenName: 'Xavier', familyName: 'Mwangi', sex: 'male', birthDate: '2000-05-01', phone: null, tags: ['nutrition'] });

    const list = async (input: object) =>
      dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', input)).rows.map((r) => r.givenName);
    expect(await list({ sort: 'name' })).toEqual(['Zawadi', 'Yusuf', 'Xavier']);
    expect(await list({ sort: 'registered' })).toEqual(['Xavier', 'Yusuf', 'Zawadi']);
    expect(await list({ sex: 'male' })).toEqual(['Yusuf', 'Xavier']);
    expect(await list({ ageBand: '0-4' })).toEqual(['Zawadi']);
    expect(await list({ ageBand: '60+' })).toEqual(['Yusuf']);
    expect(await list({ tag: 'nutrition', sex: 'male' })).toEqual(['Xavier']);
    expect(await list({ search: 'mwa', tag: 'nutrition' })).toEqual(['Xavier']);
    expect(await list({ registeredFrom: '2999-01-01' })).toEqual([]);
  });

  it('stores hostile strings exactly as typed', async () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      "'; DROP TABLE beneficiaries; --",
      '=HYPERLINK("http://x","y")',
      '👩🏽‍⚕️ \u202eRTL',
      'x'.repeat(5000),
    ];
    for (const [i, name] of hostile.entries()) {
      const saved = await register({ givenName: name, familyName: `Hostile${i}`, phone: null, birthDate: `19${10 + i}-01-01` });
      const read = dataOf<Beneficiary>(await admin.query('beneficiaries.get', { id: saved.id }));
      expect(read.givenName).toBe(name);
    }
  });
});

describe('never duplicate', () => {
  it('blocks a repeated national ID and names the existing record', async () => {
    const first = await register({ nationalId: 'KE-123' });
    const error = errorOf(
      await admin.mutate('beneficiaries.register', person({ givenName: 'Other', familyName: 'Person', phone: null, nationalId: 'KE-123' })),
    );
    expect(error).toMatchObject({
      code: 'CONFLICT',
      fieldErrors: { nationalId: ['beneficiaries.errors.nationalIdTaken'] },
      details: { existingId: first.id },
    });
  });

  it('shows probable duplicates before saving, and registers anyway only with a reason, which is audited', async () => {
    const first = await register({ givenName: 'Mohammed', familyName: 'Ali', phone: null, birthDate: '1988-03-03' });
    const nearby = person({ givenName: 'Muhammad', familyName: 'Aly', phone: null, birthDate: '1988-11-20' });

    const candidates = dataOf<{ id: string; reasons: string[] }[]>(await admin.query('beneficiaries.duplicates', nearby));
    expect(candidates).toEqual([expect.objectContaining({ id: first.id, reasons: ['name+birth'] })]);
    const refused = errorOf(await admin.mutate('beneficiaries.register', nearby));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { candidates: [expect.objectContaining({ id: first.id })] } });

    const second = dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', { ...nearby, duplicateReason: 'Cousin, different mother' }),
    );
    const entry = core.store.db
      .select()
      .from(auditLog)
      .all()
      .find((e) => e.rowId === second.id)!;
    expect(entry.detail).toMatchObject({ duplicateReason: 'Cousin, different mother', candidates: [first.id] });
  });

  it('flags the same phone as a probable duplicate whatever the name', async () => {
    await register({ phone: '0712 345 678' });
    const candidates = dataOf<{ reasons: string[] }[]>(
      await admin.query(
        'beneficiaries.duplicates',
        person({ givenName: 'Grace', familyName: 'Wanjiru', birthDate: '2001-01-01', phone: '+254712345678' }),
      ),
    );
    expect(candidates.map((c) => c.reasons)).toEqual([['phone']]);
  });
});

describe('history, archive, merge and erasure', () => {
  it('keeps who changed which field from what to what', async () => {
    const amina = await register();
    dataOf(await admin.mutate('beneficiaries.update', { ...person({ phone: '0799 000 111' }), id: amina.id }));
    const history = dataOf<AuditEntry[]>(await admin.query('beneficiaries.history', { id: amina.id }));
    expect(history[0]).toMatchObject({
      action: 'beneficiaries.update',
      userName: 'Amina Admin',
      detail: { diff: { phone: ['+254 712 345 678', '0799 000 111'] } },
    });
    expect(history.map((e) => e.action)).toEqual(['beneficiaries.update', 'beneficiaries.register']);
    expect(
      core.store.db
        .select()
        .from(auditLog)
        .all()
        .some((e) => e.action === 'beneficiaries.view'),
    ).toBe(false);
    dataOf(await admin.query('beneficiaries.get', { id: amina.id }));
    expect(
      core.store.db
        .select()
        .from(auditLog)
        .all()
        .some((e) => e.action === 'beneficiaries.view' && e.rowId === amina.id),
    ).toBe(true);
  });

  it('archives and restores instead of deleting', async () => {
    const amina = await register();
    dataOf(await admin.mutate('beneficiaries.setStatus', { id: amina.id, status: 'archived' }));
    expect(dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', { status: 'active' })).total).toBe(0);
    expect(dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', { status: 'archived' })).total).toBe(1);
    dataOf(await admin.mutate('beneficiaries.setStatus', { id: amina.id, status: 'active' }));
    expect(dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', { status: 'active' })).total).toBe(1);
  });

  it('merges two records: sessions move to the survivor, the other becomes a tombstone pointing to it', async () => {
    const survivor = await register({ phone: null });
    const duplicate = await register({ givenName: 'Aminah', familyName: 'Odhiambo', phone: '0700 123 456', duplicateReason: 'test' });
    const at = new Date().toISOString();
    core.store.db
      .insert(sessionAttendees)
      .values({
        id: '0190a000-0000-7000-8000-0000000000a1',
        sessionId: '0190a000-0000-7000-8000-0000000000b1',
        beneficiaryId: duplicate.id,
        createdAt: at,
        updatedAt: at,
      })
      .run();

    const merged = dataOf<Beneficiary>(await admin.mutate('beneficiaries.merge', { survivorId: survivor.id, duplicateId: duplicate.id }));

    expect(merged.phone).toBe('0700 123 456');
    expect(core.store.db.select().from(sessionAttendees).get()!.beneficiaryId).toBe(survivor.id);
    expect(errorOf(await admin.query('beneficiaries.get', { id: duplicate.id }))).toMatchObject({ code: 'NOT_FOUND', details: { mergedInto: survivor.id } });
    expect(await search('odhiambo')).toEqual(['Amina Odhiambo']);
    const tombstone = core.store.sqlite.prepare('select merged_into, deleted_at from beneficiaries where id = ?').get(duplicate.id) as {
      merged_into: string;
      deleted_at: string;
    };
    expect(tombstone.merged_into).toBe(survivor.id);
    expect(tombstone.deleted_at).not.toBeNull();
    expect(
      core.store.db
        .select()
        .from(outbox)
        .all()
        .filter((e) => e.rowId === duplicate.id)
        .at(-1),
    ).toMatchObject({ op: 'delete' });
  });

  it('lets only an admin erase, with a reason; the audit names fields, not values', async () => {
    const amina = await register({ nationalId: 'SECRET-42' });
    const staff = await clientAs(core, 'staff', [clinic.id]);
    expect(errorOf(await staff.mutate('beneficiaries.erase', { id: amina.id, reason: 'asked' })).code).toBe('FORBIDDEN');
    expect(errorOf(await admin.mutate('beneficiaries.erase', { id: amina.id, reason: ' ' })).fieldErrors).toEqual({
      reason: ['errors.required'],
    });

    dataOf(await admin.mutate('beneficiaries.erase', { id: amina.id, reason: 'Request of the person' }));

    const entry = core.store.db.select().from(auditLog).all().at(-1)!;
    expect(entry).toMatchObject({ action: 'beneficiaries.erase', detail: { reason: 'Request of the person' } });
    expect(JSON.stringify(entry.detail)).not.toContain('SECRET-42');
    expect(await search('amina')).toEqual([]);
  });
});

describe('clinic scoping', () => {
  it('hides other clinics from staff: not in the list, not by id, not as a register target', async () => {
    const amina = await register();
    const staff = await clientAs(core, 'staff', ['0190a000-0000-7000-8000-00000000ffff']);
    expect(dataOf<BeneficiaryPage>(await staff.query('beneficiaries.list', {})).total).toBe(0);
    expect(errorOf(await staff.query('beneficiaries.get', { id: amina.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await staff.mutate('beneficiaries.register', person({ givenName: 'X', familyName: 'Y' }))).fieldErrors).toHaveProperty(
      'clinicId',
    );
  });
});
