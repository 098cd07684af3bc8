import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupContents, BackupInfo } from '../../../common/backups';
import type { Beneficiary, BeneficiaryPage } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ServerMessage } from '../../../common/rpc';
import { openEncrypted } from '../../../db/open';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { backupDir, backupNow, list, rotate } from './service';

let clock = new Date('2026-11-22T09:00:00.000Z');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});
const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

async function adminCore() {
  clock = new Date('2026-11-22T09:00:00.000Z');
  const core = await openTestCore({ now: () => clock });
  cores.push(core);
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  const register = async (givenName: string) =>
    dataOf<Beneficiary>(
      await admin.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName,
        familyName: 'Backup',
        sex: 'male',
        birthDate: '1980-01-01',
        duplicateReason: 'test',
      }),
    );
  const names = async () => dataOf<BeneficiaryPage>(await admin.query('beneficiaries.list', {})).rows.map((r) => r.givenName);
  return { core, admin, register, names };
}

describe('backups and restore', () => {
  it('backs up to an encrypted file, and restores it: old data back, the current database kept as a backup first', async () => {
    const { core, admin, register, names } = await adminCore();
    await register('Before');
    const backup = dataOf<BackupInfo>(await admin.mutate('backups.create'));
    expect(backup).toMatchObject({ kind: 'manual' });
    expect(() => openEncrypted(path.join(backupDir(core), backup.name), 'b'.repeat(64))).toThrow(/cannot be opened/);
    clock = new Date('2026-11-22T10:00:00.000Z');
    await register('After');
    const deviceBefore = core.deviceId;

    expect(dataOf<BackupContents>(await admin.query('backups.inspect', { name: backup.name }))).toMatchObject({
      beneficiaries: 1,
      sessions: 0,
    });
    dataOf(await admin.mutate('backups.restore', { name: backup.name }));

    expect(await names()).toEqual(['Before']);
    expect(core.deviceId).not.toBe(deviceBefore);
    const safety = dataOf<BackupInfo[]>(await admin.query('backups.list')).find((b) => b.kind === 'pre-restore')!;
    expect(dataOf<BackupContents>(await admin.query('backups.inspect', { name: safety.name }))).toMatchObject({ beneficiaries: 2 });
    // Writing goes on after a restore, through the same path.
    await register('Later');
    expect(await names()).toEqual(['Before', 'Later']);
    expect(fs.existsSync(`${core.databaseFile}.restoring`)).toBe(false);
  });

  it('refuses a backup from another organisation, a damaged file, a newer schema, and a name that is a path', async () => {
    const { core, admin } = await adminCore();
    const other = await adminCore();
    const foreign = backupNow(other.core, { userId: null }, 'manual');
    fs.mkdirSync(backupDir(core), { recursive: true });
    fs.copyFileSync(path.join(backupDir(other.core), foreign.name), path.join(backupDir(core), foreign.name.replace('manual', 'daily')));
    expect(errorOf(await admin.query('backups.inspect', { name: foreign.name.replace('manual', 'daily') }))?.message).toBe(
      'backups.errors.wrongKey',
    );

    const garbage = 'outpost-2026-01-01T00-00-00-000Z-manual.db';
    fs.writeFileSync(path.join(backupDir(core), garbage), Buffer.alloc(8192, 7));
    expect(errorOf(await admin.mutate('backups.restore', { name: garbage }))?.message).toMatch(/backups\.errors\.(unreadable|wrongKey)/);

    const newer = backupNow(core, { userId: null }, 'manual');
    const copy = openEncrypted(path.join(backupDir(core), newer.name), core.key);
    copy.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', 99999999999999)").run();
    copy.close();
    expect(errorOf(await admin.mutate('backups.restore', { name: newer.name }))?.message).toBe('backups.errors.newer');

    expect(errorOf(await admin.query('backups.inspect', { name: '../outpost.db' }))?.code).toBe('VALIDATION');
  });

  it('rotates daily backups: the newest of each of 7 days and of 4 weeks before them', async () => {
    const { core } = await adminCore();
    for (let day = 0; day < 40; day++) {
      clock = new Date(Date.UTC(2026, 9, 1 + day, 12));
      backupNow(core, { userId: null }, 'daily');
    }
    rotate(core);
    const days = list(core)
      .filter((b) => b.kind === 'daily')
      .map((b) => b.at.slice(0, 10));
    expect(days).toHaveLength(11);
    expect(days.slice(0, 7)).toEqual(['2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03']);
  });
});
