import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../common/audit';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ExportStatus } from '../../../common/exports';
import { clinics } from '../../../db/schema';
import type { Core } from '../core';
import type { ExportFiles } from '../platform';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());

let delivered: Buffer[] = [];
const exportFiles: ExportFiles = {
  async deliver(file) {
    delivered.push(fs.readFileSync(file.path));
    return { kind: 'download', url: `/exports/${delivered.length}` };
  },
};

type Client = ReturnType<typeof testClient>;

/** Exports as the user would: start, follow the job, fetch the file. */
async function exportAudit(client: Client, filters: object): Promise<{ bytes: Buffer; rows: Record<string, string>[] }> {
  let status = dataOf<ExportStatus>(await client.mutate('audit.export', filters));
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = dataOf<ExportStatus>(await client.query('exports.status', { id: status.id }));
  }
  expect(status).toMatchObject({ state: 'done', fileName: expect.stringMatching(/^audit-\d{4}-\d{2}-\d{2}\.csv$/) });
  dataOf(await client.mutate('exports.deliver', { id: status.id }));
  const bytes = delivered.at(-1)!;
  return { bytes, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

async function seeded() {
  delivered = [];
  core = await openTestCore({ exportFiles });
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  const home = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  const at = new Date().toISOString();
  const otherId = '0190a000-0000-7000-8000-0000000000cc';
  core.store.db.insert(clinics).values({ id: otherId, code: 'NRB', name: 'Nairobi', createdAt: at, updatedAt: at }).run();
  const register = async (clinicId: string, givenName: string) =>
    dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId,
        givenName,
        familyName: 'Audit',
        sex: 'male',
        birthDate: '1970-01-01',
        duplicateReason: 'x',
      }),
    );
  // Text a spreadsheet would run, and text that needs quoting.
  const hostile = await register(home.id, '=HYPERLINK("http://evil.example","click")');
  const quoted = await register(home.id, 'Line\nbreak, "quoted"');
  const theirs = await register(otherId, 'Theirs');
  return { admin, home, hostile, quoted, theirs };
}

describe('audit trail as CSV', () => {
  it('holds every entry the filters match, oldest first, as UTF-8 with a BOM, CRLF records and quoted fields', async () => {
    const { admin, hostile, quoted } = await seeded();

    const { bytes, rows } = await exportAudit(admin, { entity: 'beneficiaries', action: 'beneficiaries.register' });

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    expect(rows.map((row) => row.rowId)).toEqual(
      dataOf<AuditEntry[]>(await admin.query('audit.recent', { entity: 'beneficiaries', action: 'beneficiaries.register' }))
        .map((entry) => entry.rowId)
        .reverse(),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ user: setupAdmin.name, action: 'beneficiaries.register', entity: 'beneficiaries', rowId: hostile.id });
    expect(Number(rows[1]!.seq)).toBeGreaterThan(Number(rows[0]!.seq));
    // A line break, a comma and quotes inside a field come back whole.
    expect(JSON.parse(rows[1]!.detail!).diff.givenName[1]).toBe(quoted.givenName);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    // The export itself is audited, with its filters.
    const entries = dataOf<AuditEntry[]>(await admin.query('audit.recent', { action: 'audit.export' }));
    expect(entries[0]).toMatchObject({
      action: 'audit.export',
      detail: { filters: { entity: 'beneficiaries', action: 'beneficiaries.register' }, outcome: 'done', rows: 3 },
    });
  });

  it('defuses a user name a spreadsheet would run as a formula', async () => {
    const { admin } = await seeded();
    const evil = await clientAs(core, 'admin');
    core.store.sqlite.prepare("update users set name = '=cmd|'' /c calc''!A1' where role = 'admin' and email <> ?").run(setupAdmin.email);
    dataOf(await evil.mutate('account.lock'));

    const { rows } = await exportAudit(admin, { action: 'account.lock' });

    expect(rows.map((row) => row.user)).toEqual(["'=cmd|' /c calc'!A1"]);
  });

  it("gives a manager their clinics' entries only, and refuses staff", async () => {
    const { home, hostile, theirs } = await seeded();
    const manager = await clientAs(core, 'manager', [home.id]);

    const { rows } = await exportAudit(manager, { entity: 'beneficiaries' });

    expect(rows.map((row) => row.rowId)).toContain(hostile.id);
    expect(rows.map((row) => row.rowId)).not.toContain(theirs.id);
    const staff = await clientAs(core, 'staff', [home.id]);
    expect(await staff.mutate('audit.export', {})).toMatchObject({ type: 'error', error: { code: 'FORBIDDEN' } });
  });
});
