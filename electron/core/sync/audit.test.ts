import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import { startTestServer, type TestServer } from '../../../server/testing';
import { verifyAuditChain } from '../audit/verify';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { signInToServer } from './connect';
import { syncEngine } from './engine';
import { faultProxy } from './fault-proxy';
import { syncStatus } from './status';
import { connectedDevice, type Device } from './testing';

let server: TestServer;
let proxy: ReturnType<typeof faultProxy>;
let proxyUrl: string;
beforeAll(async () => {
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
  proxy = faultProxy(server.url);
  proxyUrl = await proxy.listen();
}, 120_000);
afterAll(async () => {
  await proxy.close();
  await server.close();
});

const localTrail = (d: Pick<Device, 'core'>) =>
  d.core.store.sqlite.prepare('select id, seq, hash from audit_log order by seq').all() as { id: string; seq: number; hash: string }[];
interface ServerEntry {
  id: string;
  seq: number;
  hash: string;
  action: string;
  rowId: string | null;
  userId: string | null;
  clinicId: string | null;
  detail: string | null;
  pushedByUser: string;
  chainBreak: string | null;
}
/** What the server stored of a device's trail, in its order. */
async function serverTrail(deviceId: string): Promise<ServerEntry[]> {
  const result = await server.app.database.db.execute(sql`
    select id, seq::int as "seq", hash, action, row_id as "rowId", user_id as "userId", clinic_id as "clinicId", detail,
      pushed_by_user as "pushedByUser", chain_break as "chainBreak"
    from audit_log where pushed_by_device = ${deviceId} order by seq`);
  return (result as unknown as { rows: ServerEntry[] }).rows;
}

async function auditMetric(result: 'stored' | 'duplicate'): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`outpost_audit_entries_total{result="${result}"} `));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('the audit trail is pushed to the server', () => {
  it('after a lost answer, each entry is stored once and the chain holds; nothing comes back down', { timeout: 60_000 }, async () => {
    const a = await connectedDevice(server, server.users.staff, { serverUrl: proxyUrl, timeoutMs: 5000 });
    const b = await connectedDevice(server, server.users.manager);
    try {
      const made = await a.register({ givenName: 'Wanjiru' });
      await a.get(made.id); // viewing is audited too
      expect(syncStatus(a.core, a.me).pendingAudit).toBeGreaterThan(0);

      // The server stores the batch, then the connection drops before the answer arrives. The same entries go
      // again (at once, or with the next sync), and the server answers them as duplicates.
      const duplicates = await auditMetric('duplicate');
      proxy.fail('/v1/sync/audit', 'drop-after');
      if (!(await a.sync()).ok) expect(await a.sync()).toEqual({ ok: true });
      expect(proxy.seen).toContain('drop-after');
      expect(await auditMetric('duplicate')).toBeGreaterThan(duplicates);
      expect(syncStatus(a.core, a.me).pendingAudit).toBe(0);

      const local = localTrail(a);
      const stored = await serverTrail(a.core.deviceId);
      expect(stored.map((e) => [e.id, e.seq, e.hash])).toEqual(local.map((e) => [e.id, e.seq, e.hash]));
      expect(stored.every((e) => e.chainBreak === null && e.pushedByUser === server.users.staff.id)).toBe(true);
      const registered = stored.find((e) => e.action === 'beneficiaries.register' && e.rowId === made.id)!;
      expect(JSON.parse(registered.detail!)).toMatchObject({ diff: { givenName: [null, 'Wanjiru'] } });

      // B pulls A's beneficiary but never A's trail.
      await b.sync();
      expect(await b.get(made.id)).toMatchObject({ givenName: 'Wanjiru' });
      const onB = b.core.store.sqlite.prepare('select count(*) as n from audit_log where device_id = ?').get(a.core.deviceId);
      expect(onB).toEqual({ n: 0 });
    } finally {
      a.close();
      b.close();
    }
  });

  it('an entry altered on the device after it was written is stored and flagged by the server', { timeout: 60_000 }, async () => {
    const a = await connectedDevice(server, server.users.staff);
    try {
      const made = await a.register({ givenName: 'Achieng', phone: '+254700111222' });
      const { sqlite } = a.core.store;
      const entry = sqlite.prepare("select id from audit_log where action = 'beneficiaries.register' and row_id = ?").get(made.id) as {
        id: string;
      };
      // Someone with the database key edits the file: the append-only trigger is dropped, the phone in the diff changed.
      sqlite.exec('drop trigger audit_log_no_update');
      sqlite.prepare("update audit_log set detail = replace(detail, '+254700111222', '+254799999999') where id = ?").run(entry.id);
      expect(verifyAuditChain(sqlite).ok).toBe(false);

      expect(await a.sync()).toEqual({ ok: true });
      const stored = await serverTrail(a.core.deviceId);
      expect(stored.filter((e) => e.chainBreak !== null).map((e) => [e.id, e.chainBreak])).toEqual([[entry.id, 'hash']]);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/outpost_audit_chain_breaks_total\{reason="hash"\} [1-9]/);
    } finally {
      a.close();
    }
  });

  it('a standalone period and an offline period arrive whole, in batches, chained', { timeout: 90_000 }, async () => {
    // Standalone first: set up with no server, work, fail a sign-in (no user, no clinic).
    const core = await openTestCore();
    const client = testClient(core);
    try {
      await client.mutate('account.setup', { ...setupAdmin, clinic: { name: 'Field clinic', code: 'FLD' } });
      await client.mutate('account.signIn', { email: 'nobody@example.org', password: 'wrong password' });
      const admin = dataOf<SessionUser>(await client.mutate('account.signIn', { email: setupAdmin.email, password: setupAdmin.password }));
      for (let i = 0; i < 5; i++) {
        dataOf(
          await client.mutate('beneficiaries.register', {
            clinicId: admin.clinicIds[0],
            givenName: `Local ${i}`,
            familyName: 'Standalone',
            sex: 'female',
          }),
        );
      }
      const standalone = localTrail({ core });
      expect(standalone.length).toBeGreaterThan(7);

      // Joins the server through the proxy (as sync.connect does, without its background run: this test drives each
      // run), syncs in batches of 4, then goes offline for a while.
      const joined = await server.createUser({ email: setupAdmin.email, role: 'admin', password: setupAdmin.password });
      await signInToServer(core, proxyUrl, joined);
      dataOf(await client.mutate('account.signIn', { email: joined.email, password: joined.password }));
      const engine = syncEngine(core, { retry: false, batchSize: 4, timeoutMs: 5000 });
      expect(await engine.run()).toEqual({ ok: true });
      expect((await serverTrail(core.deviceId)).map((e) => e.id)).toEqual(localTrail({ core }).map((e) => e.id));

      for (let i = 0; i < 3; i++) {
        dataOf(
          await client.mutate('beneficiaries.register', {
            clinicId: server.clinic.id,
            givenName: `Offline ${i}`,
            familyName: 'Field',
            sex: 'male',
          }),
        );
      }
      // Offline for a while: the server cannot be reached (a gateway answers 500 in its place; a dropped connection would be
      // retried at once). The changes stay, and so does their trail, which goes after them.
      proxy.fail('/v1/sync/push', 'status-500');
      expect((await engine.run()).ok).toBe(false);
      expect(syncStatus(core, admin).pendingAudit).toBe(3);

      expect(await engine.run()).toEqual({ ok: true });
      const stored = await serverTrail(core.deviceId);
      const local = localTrail({ core });
      expect(stored.map((e) => [e.id, e.hash])).toEqual(local.map((e) => [e.id, e.hash]));
      expect(stored.filter((e) => e.chainBreak !== null)).toEqual([]);
      const failed = stored.find((e) => e.action === 'account.signInFailed')!;
      expect(failed).toMatchObject({ userId: null, clinicId: null, pushedByUser: joined.id });
      expect(syncStatus(core, admin).pendingAudit).toBe(0);
    } finally {
      client.close();
      core.close();
    }
  });
});
