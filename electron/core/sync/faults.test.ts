import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/testing';
import type { SyncOutcome } from './engine';
import { faultProxy, type Fault } from './fault-proxy';
import { syncStatus } from './status';
import { connectedDevice, editable, type Device } from './testing';

let server: TestServer;
let proxy: ReturnType<typeof faultProxy>;
let proxyUrl: string;
let a: Device;
let b: Device;

beforeAll(async () => {
  // On disk, so that it can be stopped and started again on the same data.
  server = await startTestServer({ loginAttemptsPerMinute: 1000, persistent: true });
  proxy = faultProxy(server.url, { stopServer: () => server.stop() });
  proxyUrl = await proxy.listen();
  // A syncs through the proxy with a short timeout, so a 5 s answer counts as lost; B talks to the server directly.
  a = await connectedDevice(server, server.users.staff, { serverUrl: proxyUrl, timeoutMs: 2000 });
  b = await connectedDevice(server, server.users.manager);
}, 120_000);
afterAll(async () => {
  a.close();
  b.close();
  await proxy.close();
  await server.close();
});

/** Sync until a run succeeds, as the backoff timer would (it is off here so that the test drives each attempt). */
async function syncUntilDone(d: Device): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  for (let i = 0; i < 6; i++) {
    const outcome = await d.sync();
    outcomes.push(outcome);
    if (outcome.ok) return outcomes;
  }
  throw new Error(`never succeeded: ${JSON.stringify(outcomes)}`);
}

async function serverVersion(): Promise<number> {
  const result = (await server.app.database.db.execute(sql`select coalesce(max(version), 0) as v from rows`)) as unknown as {
    rows: { v: string | number }[];
  };
  return Number(result.rows[0]!.v);
}

async function snapshot(d: Device) {
  return d.core.store.sqlite
    .prepare(
      `select id, given_name, family_name, phone, status, deleted_at, server_version from beneficiaries
       where server_version is not null order by id`,
    )
    .all();
}

const faults: Fault[] = ['drop-before', 'drop-after', 'status-500', 'slow', 'truncate'];
/** A dropped connection is a reset, and these requests are safe to send again at once (http.ts), so that same run succeeds. */
const resentAtOnce = (fault: Fault) => fault === 'drop-before' || fault === 'drop-after';

describe('faults between a device and the server: nothing lost, nothing applied twice, the queue never wedged', () => {
  for (const fault of faults) {
    it(`${fault} on push and on pull`, { timeout: 90_000 }, async () => {
      const created = [await a.register({ givenName: `${fault}-one` }), await a.register({ givenName: `${fault}-two` })];
      await a.client.mutate('beneficiaries.update', { ...editable(created[0]!), phone: '+254733000333' });
      const versionsBefore = await serverVersion();

      proxy.fail('/v1/sync/push', fault);
      const pushed = await syncUntilDone(a);
      expect(proxy.seen.at(-1)).toBe(fault);
      expect(pushed[0]!.ok).toBe(resentAtOnce(fault));
      // Three mutations, each applied exactly once: a resend after a lost answer takes no new version.
      expect((await serverVersion()) - versionsBefore).toBe(3);
      expect(syncStatus(a.core, a.me)).toMatchObject({ pending: {}, rejected: 0 });

      const fromB = await b.register({ givenName: `${fault}-from-b` });
      expect((await b.sync()).ok).toBe(true);
      proxy.fail('/v1/sync/pull', fault);
      const pulled = await syncUntilDone(a);
      expect(proxy.seen.at(-1)).toBe(fault);
      expect(pulled[0]!.ok).toBe(resentAtOnce(fault));
      expect((await a.get(fromB.id)).givenName).toBe(`${fault}-from-b`);
      expect((await b.sync()).ok).toBe(true);
      expect(await snapshot(a)).toEqual(await snapshot(b));
      expect(syncStatus(a.core, a.me).lastVerifiedAt).not.toBeNull();
    });
  }

  it(
    'the server stopped after the first page of a pull and started again: the device resumes from that page',
    { timeout: 90_000 },
    async () => {
      // A device of its own, with pages of 5, so that the pull has several.
      const c = await connectedDevice(server, server.users.staff, { serverUrl: proxyUrl, timeoutMs: 2000, pageSize: 5 });
      try {
        const fromB: string[] = [];
        for (let i = 0; i < 12; i++) fromB.push((await b.register({ givenName: `Paged${i}` })).id);
        expect((await b.sync()).ok).toBe(true);
        const mine = [await c.register({ givenName: 'Restart-one' }), await c.register({ givenName: 'Restart-two' })];
        const versionsBefore = await serverVersion();

        proxy.fail('/v1/sync/pull', 'server-down', 1);
        const pulls = () => proxy.requests.filter((r) => r.startsWith('/v1/sync/pull'));
        const pullsBefore = pulls().length;
        expect((await c.sync()).ok).toBe(false);
        // The push went through before the stop, and the first page was applied with its cursor: every later
        // request of that run (the one the stop met, and its resends on a fresh connection) asked for the next page.
        const failedRun = pulls().slice(pullsBefore);
        const cursor = c.core.store.sqlite.prepare('select cursor from sync_state').pluck().get() as string;
        expect(failedRun.length).toBeGreaterThan(1);
        expect(failedRun[0]).not.toContain(`cursor=${encodeURIComponent(cursor)}`);
        for (const url of failedRun.slice(1)) expect(url).toContain(`cursor=${encodeURIComponent(cursor)}`);
        const have = (id: string) => c.core.store.sqlite.prepare('select count(*) from beneficiaries where id = ?').pluck().get(id);
        const arrived = fromB.filter((id) => have(id) === 1).length;
        expect(arrived).toBeGreaterThan(0);
        expect(arrived).toBeLessThan(fromB.length);

        await server.start();
        expect((await serverVersion()) - versionsBefore).toBe(2);
        const pullsAtRestart = pulls().length;
        const outcomes = await syncUntilDone(c);
        expect(outcomes.at(-1)).toEqual({ ok: true });
        // The next pull asked for what came after the first page, not for everything again.
        expect(pulls()[pullsAtRestart]).toContain(`cursor=${encodeURIComponent(cursor)}`);
        expect(fromB.every((id) => have(id) === 1)).toBe(true);
        // Nothing applied twice: the two registrations took two versions on the server, and no more.
        expect((await serverVersion()) - versionsBefore).toBe(2);
        expect(syncStatus(c.core, c.me)).toMatchObject({ pending: {}, rejected: 0 });
        expect(syncStatus(c.core, c.me).lastVerifiedAt).not.toBeNull();

        // The queue is not wedged: a new change goes through, and both devices agree.
        await c.register({ givenName: 'Restart-three' });
        expect(await c.sync()).toEqual({ ok: true });
        expect((await b.sync()).ok).toBe(true);
        for (const m of mine) expect((await b.get(m.id)).givenName).toBe(m.givenName);
        expect(await snapshot(c)).toEqual(await snapshot(b));
      } finally {
        c.close();
      }
    },
  );

  it('saw every fault it injected', () => {
    expect(new Set(proxy.seen)).toEqual(new Set([...faults, 'server-down']));
  });
});
