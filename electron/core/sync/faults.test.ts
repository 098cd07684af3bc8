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
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
  proxy = faultProxy(server.url);
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

describe('faults between a device and the server: nothing lost, nothing applied twice, the queue never wedged', () => {
  for (const fault of faults) {
    it(`${fault} on push and on pull`, { timeout: 90_000 }, async () => {
      const created = [await a.register({ givenName: `${fault}-one` }), await a.register({ givenName: `${fault}-two` })];
      await a.client.mutate('beneficiaries.update', { ...editable(created[0]!), phone: '+254733000333' });
      const versionsBefore = await serverVersion();

      proxy.fail('/v1/sync/push', fault);
      const pushed = await syncUntilDone(a);
      expect(pushed.length).toBeGreaterThan(1);
      expect(pushed[0]!.ok).toBe(false);
      // Three mutations, each applied exactly once: a resend after a lost answer takes no new version.
      expect((await serverVersion()) - versionsBefore).toBe(3);
      expect(syncStatus(a.core)).toMatchObject({ pending: {}, rejected: 0 });

      const fromB = await b.register({ givenName: `${fault}-from-b` });
      expect((await b.sync()).ok).toBe(true);
      proxy.fail('/v1/sync/pull', fault);
      const pulled = await syncUntilDone(a);
      expect(pulled[0]!.ok).toBe(false);
      expect((await a.get(fromB.id)).givenName).toBe(`${fault}-from-b`);
      expect((await b.sync()).ok).toBe(true);
      expect(await snapshot(a)).toEqual(await snapshot(b));
      expect(syncStatus(a.core).lastVerifiedAt).not.toBeNull();
    });
  }

  it('saw every fault it injected', () => {
    expect(new Set(proxy.seen)).toEqual(new Set(faults));
  });
});
