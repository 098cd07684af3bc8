import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import { pullResponse, type PulledChange, type PullResponse } from '../../../common/sync';
import { beneficiaries, conflicts, outbox, syncState } from '../../../db/schema';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { applyPage, MassDeleteError } from './apply';

let core: Core;
let admin: ReturnType<typeof testClient>;
let clinic: Clinic;

beforeEach(async () => {
  core = await openTestCore();
  admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
});
afterEach(() => core.close());

const serverTime = '2026-11-22T10:00:00.000Z';
const page = (changes: PulledChange[], extra: Partial<PullResponse> = {}): PullResponse => ({
  changes,
  conflicts: [],
  cursor: `c${changes.length}`,
  has_more: false,
  server_time: serverTime,
  ...extra,
});

function remoteBeneficiary(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    createdAt: serverTime,
    updatedAt: serverTime,
    createdBy: null,
    updatedBy: null,
    deletedAt: null,
    clinicId: clinic.id,
    code: `KIS-SRV-${id.slice(-6)}`,
    givenName: 'Remote',
    familyName: 'Person',
    otherNames: null,
    sex: 'female',
    birthDate: '1990-01-01',
    birthDateEstimated: false,
    nationalId: null,
    phone: null,
    address: null,
    preferredLanguage: null,
    consent: true,
    consentDate: null,
    status: 'active',
    tags: ['pulled'],
    notes: null,
    mergedInto: null,
    ...fields,
  };
}

const outboxCount = () => core.store.db.select().from(outbox).all().length;
const search = async (text: string) => dataOf<{ total: number }>(await admin.query('beneficiaries.list', { search: text })).total;

describe('applying a pulled page', () => {
  it('inserts new rows with their server version, indexes them for search, stores the cursor and queues nothing', async () => {
    const before = outboxCount();
    const id = uuidv7();
    const topics: string[][] = [];
    const stop = new AbortController();
    const listening = (async () => {
      for await (const event of core.changes(stop.signal)) topics.push(event.topics);
    })().catch(() => {});

    const result = applyPage(
      core,
      page([{ entity: 'beneficiaries', row_id: id, version: 7, deleted: false, data: remoteBeneficiary(id, { givenName: 'Zawadi' }) }]),
      {
        storeCursor: true,
      },
    );
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    await listening;

    expect(result.applied).toBe(1);
    const row = core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get()!;
    expect(row).toMatchObject({ givenName: 'Zawadi', serverVersion: 7, tags: ['pulled'], consent: true });
    expect(outboxCount()).toBe(before);
    expect(core.store.db.select().from(syncState).get()!.cursor).toBe('c1');
    expect(await search('Zawadi')).toBe(1);
    expect(topics.flat()).toContain('beneficiaries');
  });

  it('a row that already holds every pulled value takes the new version only, still found, and never goes back to an older one', async () => {
    const id = uuidv7();
    const data = remoteBeneficiary(id, { givenName: 'Imani' });
    const version = () => core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get()!.serverVersion;
    applyPage(core, page([{ entity: 'beneficiaries', row_id: id, version: 3, deleted: false, data }]), { storeCursor: false });
    expect(
      applyPage(core, page([{ entity: 'beneficiaries', row_id: id, version: 9, deleted: false, data }]), { storeCursor: false }).applied,
    ).toBe(1);
    expect(version()).toBe(9);
    expect(await search('Imani')).toBe(1);
    expect(
      applyPage(core, page([{ entity: 'beneficiaries', row_id: id, version: 5, deleted: false, data }]), { storeCursor: false }).applied,
    ).toBe(0);
    expect(version()).toBe(9);
    // A changed value is written, and searched by.
    const renamed = { ...data, givenName: 'Neema' };
    applyPage(core, page([{ entity: 'beneficiaries', row_id: id, version: 10, deleted: false, data: renamed }]), { storeCursor: false });
    expect(await search('Neema')).toBe(1);
    expect(await search('Imani')).toBe(0);
  });

  it('keeps a pending local edit visible over the pulled row, until the server has it', async () => {
    const mine = dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', { clinicId: clinic.id, givenName: 'Local', familyName: 'Edit', sex: 'male' }),
    );
    // The server has acknowledged the registration; the phone number is still waiting to be sent.
    core.store.db.delete(outbox).run();
    await admin.mutate('beneficiaries.update', { ...editable(mine), phone: '+254700000001' });
    const pending = outboxCount();

    // The server's copy of the row has another device's change to the family name but not yet our phone.
    applyPage(
      core,
      page([
        {
          entity: 'beneficiaries',
          row_id: mine.id,
          version: 3,
          deleted: false,
          data: { ...remoteBeneficiary(mine.id), code: mine.code, givenName: 'Local', familyName: 'Changed' },
        },
      ]),
      {
        storeCursor: true,
      },
    );

    const row = core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, mine.id)).get()!;
    expect(row.familyName).toBe('Changed');
    expect(row.phone).toBe('+254700000001');
    expect(row.serverVersion).toBe(3);
    expect(outboxCount()).toBe(pending);
    expect(await search('Changed')).toBe(1);
  });

  it('never replaces a row with an older version of it', () => {
    const id = uuidv7();
    applyPage(
      core,
      page([{ entity: 'beneficiaries', row_id: id, version: 9, deleted: false, data: remoteBeneficiary(id, { givenName: 'Newer' }) }]),
      { storeCursor: true },
    );
    applyPage(
      core,
      page([{ entity: 'beneficiaries', row_id: id, version: 4, deleted: false, data: remoteBeneficiary(id, { givenName: 'Older' }) }]),
      { storeCursor: true },
    );
    expect(core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get()!.givenName).toBe('Newer');
  });

  it('tombstones a deleted row and drops it from search', async () => {
    const id = uuidv7();
    applyPage(
      core,
      page([{ entity: 'beneficiaries', row_id: id, version: 1, deleted: false, data: remoteBeneficiary(id, { givenName: 'Gone' }) }]),
      { storeCursor: true },
    );
    expect(await search('Gone')).toBe(1);
    applyPage(
      core,
      page([
        {
          entity: 'beneficiaries',
          row_id: id,
          version: 2,
          deleted: true,
          data: remoteBeneficiary(id, { givenName: 'Gone', deletedAt: serverTime }),
        },
      ]),
      { storeCursor: true },
    );
    expect(core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get()!.deletedAt).toBe(serverTime);
    expect(await search('Gone')).toBe(0);
  });

  it('writes each row of a page by its own keys: rows with keys the device does not know, a tombstone without deletedAt', () => {
    const [full, extra, gone] = [uuidv7(), uuidv7(), uuidv7()];
    const row = (id: string) => core.store.db.select().from(beneficiaries).where(eq(beneficiaries.id, id)).get()!;
    applyPage(core, page([{ entity: 'beneficiaries', row_id: gone, version: 1, deleted: false, data: remoteBeneficiary(gone) }]), {
      storeCursor: true,
    });
    const { deletedAt: _deletedAt, ...withoutDeletedAt } = remoteBeneficiary(gone, { updatedAt: '2026-11-22T11:00:00.000Z' });
    applyPage(
      core,
      page([
        { entity: 'beneficiaries', row_id: full, version: 3, deleted: false, data: remoteBeneficiary(full, { givenName: 'Full' }) },
        {
          entity: 'beneficiaries',
          row_id: extra,
          version: 4,
          deleted: false,
          data: { ...remoteBeneficiary(extra, { givenName: 'Extra', phone: '+1' }), ['a future field '.repeat(10)]: 1, serverVersion: 99 },
        },
        { entity: 'beneficiaries', row_id: gone, version: 5, deleted: true, data: withoutDeletedAt },
        { entity: 'beneficiaries', row_id: uuidv7(), version: 6, deleted: false, data: remoteBeneficiary(uuidv7()) },
      ]),
      { storeCursor: true },
    );
    expect(row(full)).toMatchObject({ givenName: 'Full', phone: null, tags: ['pulled'], serverVersion: 3 });
    expect(row(extra)).toMatchObject({ givenName: 'Extra', phone: '+1', serverVersion: 4 });
    expect(row(gone)).toMatchObject({ deletedAt: '2026-11-22T11:00:00.000Z', serverVersion: 5 });
  });

  it('refuses a page whose row data is not an object', () => {
    const change = { entity: 'beneficiaries' as const, row_id: 'b-1', version: 1, deleted: false };
    expect(pullResponse.safeParse(page([{ ...change, data: { givenName: 'Ok' } }])).success).toBe(true);
    for (const data of [null, [], 'text', 1]) {
      expect(pullResponse.safeParse(page([{ ...change, data } as unknown as PulledChange])).success).toBe(false);
    }
  });

  it('stores the conflicts a page carries', () => {
    const id = uuidv7();
    applyPage(
      core,
      page([], {
        conflicts: [
          {
            id,
            entity: 'beneficiaries',
            row_id: uuidv7(),
            field: 'phone',
            kept_value: '+1',
            lost_value: '+2',
            kept_by: null,
            lost_by: null,
            kept_hlc: '001763805600000:00000:dev-a',
            lost_hlc: '001763805500000:00000:dev-b',
          },
        ],
      }),
      { storeCursor: true },
    );
    expect(core.store.db.select().from(conflicts).where(eq(conflicts.id, id)).get()).toMatchObject({
      field: 'phone',
      keptValue: '+1',
      lostValue: '+2',
    });
  });
});

describe('the mass-delete fail-safe', () => {
  function seed(n: number): string[] {
    const ids = Array.from({ length: n }, () => uuidv7());
    applyPage(
      core,
      page(ids.map((id, i) => ({ entity: 'beneficiaries', row_id: id, version: i + 1, deleted: false, data: remoteBeneficiary(id) }))),
      { storeCursor: true },
    );
    return ids;
  }
  const deletions = (ids: string[]) =>
    page(
      ids.map((id, i) => ({
        entity: 'beneficiaries' as const,
        row_id: id,
        version: 1000 + i,
        deleted: true,
        data: remoteBeneficiary(id, { deletedAt: serverTime }),
      })),
      { cursor: 'after-delete' },
    );
  const live = () =>
    core.store.db
      .select()
      .from(beneficiaries)
      .all()
      .filter((b) => !b.deletedAt).length;

  it('stops a page that would tombstone more than half of a table (over 100 rows), changing nothing', () => {
    const ids = seed(300);
    expect(() => applyPage(core, deletions(ids.slice(0, 151)), { storeCursor: true })).toThrow(MassDeleteError);
    expect(live()).toBe(300);
    expect(core.store.db.select().from(syncState).get()!.cursor).not.toBe('after-delete');
  });

  it('lets the same page through once an admin confirms, and lets smaller deletions through anyway', () => {
    const ids = seed(300);
    applyPage(core, deletions(ids.slice(0, 150)), { storeCursor: true });
    expect(live()).toBe(150);
    applyPage(core, deletions(ids.slice(150)), { storeCursor: true, allowMassDelete: true });
    expect(live()).toBe(0);
  });

  it('lets a small table be emptied (100 rows or fewer)', () => {
    const ids = seed(100);
    applyPage(core, deletions(ids), { storeCursor: true });
    expect(live()).toBe(0);
  });
});

function editable(b: Beneficiary) {
  return {
    id: b.id,
    clinicId: b.clinicId,
    givenName: b.givenName,
    familyName: b.familyName,
    otherNames: b.otherNames,
    sex: b.sex,
    birthDate: b.birthDate,
    birthDateEstimated: b.birthDateEstimated,
    nationalId: b.nationalId,
    phone: b.phone,
    address: b.address,
    preferredLanguage: b.preferredLanguage,
    consent: b.consent,
    consentDate: b.consentDate,
    tags: b.tags,
    notes: b.notes,
  };
}
