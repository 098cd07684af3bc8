import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../db/open';
import { startTestServer, type TestServer } from '../../../server/testing';
import { verifyAuditChain } from '../audit/verify';
import { openCore } from '../core';
import { runThenKill } from '../crash-child';
import { FileSecretStore } from '../secrets/file-secret-store';
import { migrationsFolder } from '../testing';
import { localChecksum } from './checksum';
import { signInToServer } from './connect';
import { syncEngine } from './engine';
import { pendingCount } from './outbox';
import { connectedDevice, editable, type Device } from './testing';

// npm test runs a few; `npm run test:crash` runs fifty.
const KILLS = Number(process.env.OUTPOST_SYNC_KILLS ?? 3);
const seed = Number(process.env.OUTPOST_SYNC_SEED ?? Date.now() % 100_000);

/** Deterministic for a seed, so a failing run can be repeated with OUTPOST_SYNC_SEED. */
function random(n: number): number {
  const x = Math.sin(seed * 9973 + n * 7919) * 10_000;
  return x - Math.floor(x);
}

let server: TestServer;
let other: Device;
let dataDir: string;
const open = () => openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, signInDelayMs: () => 0 });

beforeAll(async () => {
  server = await startTestServer();
  // Another device writes on the server between runs, so that every pull has work.
  other = await connectedDevice(server, server.users.manager);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-sync-crash-'));
  const core = await open();
  await signInToServer(core, server.url, server.users.staff);
  const first = syncEngine(core, { retry: false });
  expect(await first.run()).toEqual({ ok: true });
  first.stop();
  core.close();
}, 120_000);
afterAll(async () => {
  other.close();
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function serverRows(): Promise<Map<string, { version: number; fieldVersions: number[] }>> {
  const result = (await server.app.database.db.execute(
    sql`select row_id, version, field_meta from rows where entity = 'beneficiaries'`,
  )) as unknown as { rows: { row_id: string; version: string | number; field_meta: Record<string, { version: number }> }[] };
  return new Map(
    result.rows.map((r) => [r.row_id, { version: Number(r.version), fieldVersions: Object.values(r.field_meta).map((m) => m.version) }]),
  );
}

describe('sync crash safety', () => {
  it(
    `a device SIGKILLed ${KILLS} times at random points of writing, pushing and pulling converges with nothing lost or applied twice`,
    // Each kill starts a fresh Node with tsx: seconds apiece on a busy 2-core machine.
    { timeout: 60_000 + KILLS * 30_000 },
    async () => {
      const acknowledged: string[] = [];
      const kills: { delay: number; last: string | undefined }[] = [];
      for (let i = 0; i < KILLS; i++) {
        // The other device registers people and edits one of the crashed device's records that reached the server.
        for (let j = 0; j < 4; j++) await other.register({ givenName: `Other${i}-${j}` });
        const onServer = acknowledged.filter((id) => other.core.store.sqlite.prepare('select 1 from beneficiaries where id = ?').get(id));
        if (onServer.length > 0) {
          const target = await other.get(onServer[Math.floor(random(i) * onServer.length)]!);
          await other.client.mutate('beneficiaries.update', { ...editable(target), notes: `Edited by the other device, round ${i}` });
        }
        expect((await other.sync()).ok).toBe(true);

        const delay = Math.floor(random(i + 1000) * 3000);
        const { email } = server.users.staff;
        const lines = await runThenKill('electron/core/sync/crash-syncer.ts', ['--data-dir', dataDir, '--email', email], delay);
        acknowledged.push(...lines.filter((l) => l.startsWith('w ')).map((l) => l.slice(2)));
        kills.push({ delay, last: lines.at(-1) });

        // Whatever the instant, the store is whole and every acknowledged write is in it.
        const key = (await new FileSecretStore(dataDir).get('database-key'))!;
        const sqlite = openEncrypted(path.join(dataDir, 'outpost.db'), key);
        const context = `seed ${seed}, kill ${i + 1} after ${delay} ms`;
        expect(sqlite.prepare('pragma integrity_check').pluck().all(), context).toEqual(['ok']);
        const stored = new Set(sqlite.prepare('select id from beneficiaries').pluck().all() as string[]);
        expect(
          acknowledged.filter((id) => !stored.has(id)),
          context,
        ).toEqual([]);
        expect(verifyAuditChain(sqlite).ok, context).toBe(true);
        sqlite.close();
      }
      expect(acknowledged.length).toBeGreaterThan(0);

      // Restarted once more, a clean sync catches up.
      const core = await open();
      try {
        const engine = syncEngine(core, { retry: false });
        let outcome = await engine.run();
        if (!outcome.ok) outcome = await engine.run();
        expect(outcome, `seed ${seed}, kills ${JSON.stringify(kills)}`).toEqual({ ok: true });
        expect((await other.sync()).ok).toBe(true);

        const { sqlite } = core.store;
        expect(sqlite.prepare('pragma integrity_check').pluck().all()).toEqual(['ok']);
        expect(pendingCount(sqlite)).toBe(0);
        expect(sqlite.prepare("select count(*) from outbox where status = 'rejected'").pluck().get()).toBe(0);
        expect(sqlite.prepare('select last_verified_at from sync_state').pluck().get()).not.toBeNull();

        // Every acknowledged write is on the server, and the device holds exactly the server's rows at its versions.
        const remote = await serverRows();
        expect(acknowledged.filter((id) => !remote.has(id))).toEqual([]);
        const local = sqlite.prepare('select id, server_version as version from beneficiaries').all() as { id: string; version: number }[];
        expect(new Map(local.map((r) => [r.id, r.version]))).toEqual(new Map([...remote].map(([id, r]) => [id, r.version])));
        expect(localChecksum(sqlite, 'beneficiaries')).toEqual(localChecksum(other.core.store.sqlite, 'beneficiaries'));

        // Nothing applied twice: a mutation applied again would take a version that set no field.
        for (const [id, r] of remote) expect(Math.max(...r.fieldVersions), id).toBe(r.version);
        // Each registration made one record: no copies under other ids.
        const names = sqlite.prepare("select family_name from beneficiaries where given_name like 'Synced%'").pluck().all() as string[];
        const registered = sqlite
          .prepare("select count(*) from audit_log where action = 'beneficiaries.register' and device_id = ?")
          .pluck()
          .get(core.deviceId) as number;
        expect(names.length).toBe(registered);
        expect((await other.get(acknowledged[0]!)).givenName).toMatch(/^Synced/);
      } finally {
        syncEngine(core).stop();
        core.close();
      }
    },
  );
});
