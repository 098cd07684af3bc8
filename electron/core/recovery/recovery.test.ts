import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupContents } from '../../../common/backups';
import type { RecoveryStatus } from '../../../common/recovery';
import type { ServerMessage } from '../../../common/rpc';
import { ensureAdmin, seedBeneficiaries } from '../../../bench/demo-data';
import { type Core, openCore } from '../core';
import { startIntegrityCheck } from '../integrity/service';
import { FileSecretStore } from '../secrets/file-secret-store';
import { clientOver, dataOf, migrationsFolder, setupAdmin, testClient } from '../testing';
import { type LiveStore, openOrRecover } from './host';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const item of opened.splice(0)) item.close();
});

const options = (dataDir: string) => ({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, signInDelayMs: () => 0 });

/** A store with the admin, 300 people and a backup of them, then 50 more people after the backup; closed. */
async function storeWithBackup(): Promise<{ dataDir: string; file: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-recovery-'));
  const core = await openCore(options(dataDir));
  const client = testClient(core);
  await client.mutate('account.setup', setupAdmin);
  seedBeneficiaries(core, await ensureAdmin(core), 300);
  dataOf(await client.mutate('backups.create'));
  seedBeneficiaries(core, await ensureAdmin(core), 50, 7);
  const file = core.databaseFile;
  core.close();
  return { dataDir, file };
}

/** Overwrites one page, as a failing disk sector would: page 1 makes the file unreadable, a middle page damages it. */
function damage(file: string, where: 'header' | 'middle') {
  const pageSize = 4096;
  const page = where === 'header' ? 0 : Math.floor(fs.statSync(file).size / pageSize / 2);
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize);
  fs.closeSync(handle);
}

const clientOf = (live: LiveStore) => clientOver((send) => live.connect(send));

const refusal = (message: ServerMessage) => (message.type === 'error' ? message.error : null);
const countPeople = (core: Core) => core.store.sqlite.prepare('select count(*) from beneficiaries').pluck().get();
const admin = { email: setupAdmin.email, password: setupAdmin.password };

describe('a damaged store', () => {
  it('turns read-only when the background check finds damage, and an admin of the backup restores the newest good one', async () => {
    const { dataDir, file } = await storeWithBackup();
    damage(file, 'middle');
    const core = await openCore(options(dataDir));
    opened.push(core);
    const reader = testClient(core);
    dataOf(await reader.mutate('account.signIn', admin));
    expect(await startIntegrityCheck(core)).toMatchObject({ state: 'damaged' });

    // Whoever was signed in keeps reading; nothing is written; anyone else meets the recovery screen.
    expect(dataOf(await reader.query('diagnostics.summary'))).toMatchObject({ integrity: { state: 'damaged' } });
    expect(refusal(await reader.mutate('backups.create'))).toMatchObject({ code: 'STORE_DAMAGED', message: 'recovery.errors.readOnly' });
    const newcomer = testClient(core);
    expect(refusal(await newcomer.query('account.status'))).toMatchObject({ code: 'STORE_DAMAGED', message: 'recovery.errors.damaged' });
    const status = dataOf<RecoveryStatus>(await newcomer.query('recovery.status'));
    expect(status).toMatchObject({ mode: 'damaged', dataDir, canRestore: true, newestBackup: { kind: 'manual' } });
    expect(status.problems.join()).toMatch(/page|corrupt|malformed/i);

    expect(refusal(await newcomer.mutate('recovery.restoreNewest', { ...admin, password: 'not the password' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'recovery.errors.notAdmin',
    });
    expect(dataOf<BackupContents>(await newcomer.mutate('recovery.restoreNewest', admin))).toMatchObject({ beneficiaries: 300 });
    expect(core.damaged).toBe(false);
    expect(countPeople(core)).toBe(300);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('outpost.db.damaged-'))).toHaveLength(1);
    dataOf(await newcomer.mutate('account.signIn', admin));
    expect(dataOf<{ action: string }[]>(await newcomer.query('audit.recent', {})).map((e) => e.action)).toContain('backups.restore');
  });

  it('that cannot be opened at all gets the recovery calls instead of a crash, and opens once restored', async () => {
    const { dataDir, file } = await storeWithBackup();
    damage(file, 'header');
    let openedCore: Core | null = null;
    const live = await openOrRecover((core) => (openedCore = core), options(dataDir));
    opened.push(live);
    expect(live.core()).toBeNull();
    const client = clientOf(live);
    expect(refusal(await client.query('account.status'))).toMatchObject({ code: 'STORE_DAMAGED' });
    expect(dataOf<RecoveryStatus>(await client.query('recovery.status'))).toMatchObject({ mode: 'damaged', canRestore: true });
    expect(
      refusal(await client.mutate('recovery.restoreNewest', { email: 'nobody@example.org', password: 'whatever it is' })),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });

    expect(dataOf<BackupContents>(await client.mutate('recovery.restoreNewest', admin))).toMatchObject({ beneficiaries: 300 });
    expect(openedCore).not.toBeNull();
    expect(countPeople(live.core()!)).toBe(300);
    const after = clientOf(live);
    dataOf(await after.mutate('account.signIn', admin));
  });

  it('in a folder that cannot be written is named, with no crash and nothing to restore', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-recovery-'));
    fs.writeFileSync(path.join(parent, 'not-a-folder'), '');
    const dataDir = path.join(parent, 'not-a-folder', 'data');
    const live = await openOrRecover(() => undefined, options(dataDir));
    opened.push(live);
    const client = clientOf(live);
    expect(refusal(await client.query('account.status'))).toMatchObject({ code: 'STORE_DAMAGED', message: 'recovery.errors.notWritable' });
    expect(dataOf<RecoveryStatus>(await client.query('recovery.status'))).toEqual({
      mode: 'notWritable',
      dataDir,
      problems: ['ENOTDIR'],
      newestBackup: null,
      canRestore: false,
      redownload: null,
    });
    expect(dataOf<RecoveryStatus>(await client.mutate('recovery.retry'))).toMatchObject({ mode: 'notWritable' });
  });
});
