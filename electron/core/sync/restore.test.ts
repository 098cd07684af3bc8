import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../common/backups';
import { startTestServer, type TestServer } from '../../../server/testing';
import { localChecksum } from './checksum';
import { syncStatus } from './status';
import { connectedDevice, editable, type Device } from './testing';
import { dataOf } from '../testing';

// One server for the file (PGlite takes seconds to start); every test uses fresh devices and fresh rows.
let server: TestServer;
const devices: Device[] = [];
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server.close());
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});
const device = async (role: 'admin' | 'manager' | 'staff' = 'admin') => {
  const d = await connectedDevice(server, server.users[role]);
  devices.push(d);
  return d;
};
const names = (d: Device) =>
  d.core.store.sqlite.prepare('select given_name from beneficiaries where deleted_at is null order by given_name').pluck().all();

describe('restoring a backup on a synced machine', () => {
  it('brings back from the server what changed after the backup, and what is written after the restore syncs', async () => {
    const a = await device();
    const kept = await a.register({ givenName: 'Kept' });
    expect(await a.sync()).toEqual({ ok: true });
    // The backup holds an edit not yet sent: it goes out afterwards, from the old database.
    dataOf(await a.client.mutate('beneficiaries.update', { ...editable(kept), phone: '+254700000001' }));
    const backup = dataOf<BackupInfo>(await a.client.mutate('backups.create'));
    const later = await a.register({ givenName: 'Later' });
    dataOf(await a.client.mutate('beneficiaries.update', { ...editable(await a.get(kept.id)), familyName: 'Edited' }));
    expect(await a.sync()).toEqual({ ok: true });

    dataOf(await a.client.mutate('backups.restore', { name: backup.name }));
    expect(names(a)).toEqual(['Kept']);
    expect(syncStatus(a.core, a.me).pending).toEqual({ beneficiaries: 1 });

    // The server still has what changed after the backup: the next sync brings it back and verifies it.
    // The restored edit goes again, as the same edit: no conflict with what came after it.
    expect(await a.sync()).toEqual({ ok: true });
    expect(names(a)).toEqual(['Kept', 'Later']);
    expect(await a.get(kept.id)).toMatchObject({ familyName: 'Edited', phone: '+254700000001' });
    const status = syncStatus(a.core, a.me);
    expect(status).toMatchObject({ pending: {}, rejected: 0, conflicts: 0 });
    expect(status.lastVerifiedAt).not.toBeNull();

    // What is written after the restore reaches the server and another device: numbered afresh, with codes of its own.
    const after = await a.register({ givenName: 'After' });
    expect(after.code.split('-')[1]).not.toBe(later.code.split('-')[1]);
    const deviceId = a.core.store.sqlite.prepare('select device_id from sync_state').pluck().get() as string;
    expect(after.code.split('-')[1]).toBe(await server.deviceCode(deviceId));
    dataOf(await a.client.mutate('beneficiaries.update', { ...editable(await a.get(later.id)), familyName: 'Renamed' }));
    expect(await a.sync()).toEqual({ ok: true });
    expect(syncStatus(a.core, a.me)).toMatchObject({ pending: {}, rejected: 0 });
    const b = await device('manager');
    expect(names(b)).toEqual(['After', 'Kept', 'Later']);
    expect(await b.get(later.id)).toMatchObject({ familyName: 'Renamed', code: later.code });
    expect(await b.get(after.id)).toMatchObject({ code: after.code });
    expect(localChecksum(b.core.store.sqlite, 'beneficiaries')).toEqual(localChecksum(a.core.store.sqlite, 'beneficiaries'));
  });

  it('waits for a running sync: refused until it ends, so no answer from the server lands in the restored database', async () => {
    const a = await device();
    // Tokens stored before their device was recorded (an older version) stay with the same device, and work.
    await a.core.secrets.set('sync.token-device', '');
    expect(await a.sync()).toEqual({ ok: true });
    expect(await a.core.secrets.get('sync.token-device')).toBe(a.core.deviceId);
    const backup = dataOf<BackupInfo>(await a.client.mutate('backups.create'));
    await a.register({ givenName: 'Pending' });
    const syncing = a.sync();
    expect(await a.client.mutate('backups.restore', { name: backup.name })).toMatchObject({
      type: 'error',
      error: { code: 'CONFLICT', message: 'updates.errors.busy' },
    });
    expect(await syncing).toEqual({ ok: true });
    dataOf(await a.client.mutate('backups.restore', { name: backup.name }));
    expect(await a.sync()).toEqual({ ok: true });
    expect(names(a)).toContain('Pending');
    expect(syncStatus(a.core, a.me)).toMatchObject({ pending: {}, rejected: 0, conflicts: 0 });
  });
});
