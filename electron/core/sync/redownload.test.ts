import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { RecoveryStatus, RedownloadResult } from '../../../common/recovery';
import type { ServerMessage } from '../../../common/rpc';
import { startTestServer, type TestServer } from '../../../server/testing';
import { type Core, openCore } from '../core';
import { integrityStatus, startIntegrityCheck } from '../integrity/service';
import { FileSecretStore } from '../secrets/file-secret-store';
import { openOrRecover } from '../recovery/host';
import { clientOver, damageTable, dataOf, migrationsFolder, testClient } from '../testing';
import { syncEngine } from './engine';
import { syncStatus } from './status';
import { connectedDevice } from './testing';

let server: TestServer;
const cores: Core[] = [];
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server.close());
afterEach(() => {
  for (const core of cores.splice(0)) {
    syncEngine(core).stop();
    core.close();
  }
});
const refusal = (message: ServerMessage) => (message.type === 'error' ? message.error : null);
const credentials = (role: 'admin' | 'staff', password = server.users[role].password) => ({ email: server.users[role].email, password });
const names = (core: Core) =>
  core.store.sqlite.prepare('select given_name from beneficiaries where deleted_at is null order by given_name').pluck().all();

describe('a damaged store on a connected computer', () => {
  it('is downloaded again from the server by a server admin: the damaged file kept, unsent changes counted', async () => {
    // A computer that synced four people, then registered two more it never sent.
    const device = await connectedDevice(server, server.users.admin);
    for (const givenName of ['Ann', 'Ben', 'Cyd', 'Dan']) await device.register({ givenName });
    expect(await device.sync()).toEqual({ ok: true });
    for (const givenName of ['Eve', 'Fay']) await device.register({ givenName });
    const { dataDir, databaseFile, key } = device.core;
    const oldDevice = device.core.deviceId;
    device.close();
    damageTable(databaseFile, key, 'beneficiaries');

    const core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, signInDelayMs: () => 0 });
    cores.push(core);
    expect(await startIntegrityCheck(core)).toMatchObject({ state: 'damaged' });
    const client = testClient(core);
    const status = dataOf<RecoveryStatus>(await client.query('recovery.status'));
    expect(status).toMatchObject({ mode: 'damaged', redownload: { serverUrl: server.url, unsynced: 2 } });
    // Read-only: no sync writes into it either.
    expect(await syncEngine(core).run()).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } });

    // Only an administrator on the server may; a refusal changes nothing.
    expect(refusal(await client.mutate('recovery.redownload', credentials('admin', 'not the password')))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(refusal(await client.mutate('recovery.redownload', credentials('staff')))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'recovery.errors.notServerAdmin',
    });
    expect(core.damaged).toBe(true);
    const setAside = () => fs.readdirSync(dataDir).filter((name) => name.startsWith('outpost.db.damaged-'));
    expect(setAside()).toEqual([]);

    const result = dataOf<RedownloadResult>(await client.mutate('recovery.redownload', credentials('admin')));
    expect(result).toEqual({ keptAs: setAside()[0], unsynced: 2 });
    expect(core.damaged).toBe(false);
    expect(core.deviceId).not.toBe(oldDevice);
    // Diagnostics shows the new store's check, not the old damage.
    await vi.waitFor(() => expect(integrityStatus(core).state).toBe('ok'), { timeout: 30_000 });
    expect(await syncEngine(core).run()).toEqual({ ok: true });
    expect(names(core)).toEqual(['Ann', 'Ben', 'Cyd', 'Dan']);
    // The admin signs in here as before, and work goes on under the new device.
    const admin = dataOf<SessionUser>(await client.mutate('account.signIn', credentials('admin')));
    expect(syncStatus(core, admin).lastVerifiedAt).not.toBeNull();
    dataOf(
      await client.mutate('beneficiaries.register', { clinicId: server.clinic.id, givenName: 'Gus', familyName: 'Family', sex: 'male' }),
    );
    expect(await syncEngine(core).run()).toEqual({ ok: true });
    expect(syncStatus(core, admin)).toMatchObject({ pending: {}, rejected: 0 });
    const other = await connectedDevice(server, server.users.manager);
    cores.push(other.core);
    expect(names(other.core)).toEqual(expect.arrayContaining(['Ann', 'Ben', 'Cyd', 'Dan', 'Gus']));
    expect(names(other.core)).not.toContain('Eve');
  });

  it('that no longer opens at all, on a computer whose deploy config names the server: downloaded again, the loss uncounted', async () => {
    const device = await connectedDevice(server, server.users.admin);
    await device.register({ givenName: 'Hal' });
    expect(await device.sync()).toEqual({ ok: true });
    const { dataDir, databaseFile } = device.core;
    device.close();
    // The first page: the file no longer opens, so neither the server nor the unsent changes can be read from it.
    const handle = fs.openSync(databaseFile, 'r+');
    fs.writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
    fs.closeSync(handle);

    const deploy = { file: null, config: { serverUrl: server.url }, errors: [] };
    let opened: Core | null = null;
    const live = await openOrRecover((core) => (opened = core), {
      dataDir,
      secrets: new FileSecretStore(dataDir),
      migrationsFolder,
      deploy,
    });
    const client = clientOver((send) => live.connect(send));
    expect(dataOf<RecoveryStatus>(await client.query('recovery.status'))).toMatchObject({
      mode: 'damaged',
      redownload: { serverUrl: server.url, unsynced: null },
    });
    expect(dataOf<RedownloadResult>(await client.mutate('recovery.redownload', credentials('admin')))).toMatchObject({ unsynced: null });
    expect(opened).not.toBeNull();
    cores.push(opened!);
    expect(await syncEngine(opened!).run()).toEqual({ ok: true });
    expect(names(opened!)).toContain('Hal');
    const after = clientOver((send) => live.connect(send));
    dataOf(await after.mutate('account.signIn', credentials('admin')));
  });
});
