import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Dashboard } from '../../../common/reports';
import { pullEntities } from '../../../common/sync';
import { startTestServer, type TestServer } from '../../../server/testing';
import { openCore } from '../core';
import { monthlyReport } from '../exports/monthly';
import { FileSecretStore } from '../secrets/file-secret-store';
import { dataOf, migrationsFolder, openTestCore, testClient } from '../testing';
import { signInToServer } from './connect';
import { syncEngine } from './engine';
import { reportsIncomplete, syncStatus } from './status';
import { connectedDevice } from './testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
}, 120_000);
afterAll(() => server.close());

describe('a first sync cut short by the app closing', () => {
  it('reopened offline: the reports are rebuilt from the rows already received, and say they are incomplete', async () => {
    // Three home visits recorded on one computer and sent.
    const type = await server.createSessionType({ name: 'Home visit' });
    const a = await connectedDevice(server, server.users.manager, { retry: false });
    for (const day of ['03', '04', '05']) {
      const person = await a.register({ givenName: `Visited on ${day}` });
      await a.client.mutate('sessions.create', {
        clinicId: server.clinic.id,
        typeId: type.id,
        staffId: a.me.id,
        scheduledAt: `2026-11-${day}T09:00:00.000Z`,
        durationMinutes: 30,
        status: 'completed',
        attendees: [{ beneficiaryId: person.id, attendance: 'attended' }],
      });
    }
    expect(await a.sync()).toEqual({ ok: true });
    a.close();

    // A new computer's first sync; the app is closed once the last rows are written, before the reports are built.
    const first = await openTestCore();
    await signInToServer(first, server.url, server.users.manager);
    const notify = first.notify.bind(first);
    first.notify = (topics) => {
      notify(topics);
      const { sqlite } = first.store;
      if (sqlite.open && sqlite.prepare('select count(*) from sessions where type_id = ?').pluck().get(type.id) === 3) first.close();
    };
    expect((await syncEngine(first, { retry: false }).run()).ok).toBe(false);

    // Opened again at the clinic, with no connection.
    const core = await openCore({ dataDir: first.dataDir, secrets: new FileSecretStore(first.dataDir), migrationsFolder });
    try {
      core.store.sqlite.prepare("update sync_state set server_url = 'http://127.0.0.1:9'").run();
      const client = testClient(core);
      const { email, password } = server.users.manager;
      const me = dataOf<SessionUser>(await client.mutate('account.signIn', { email, password }));
      const november = async () =>
        dataOf<Dashboard>(
          await client.query('reports.dashboard', {
            period: 'custom',
            from: '2026-11-01',
            to: '2026-11-30',
            today: '2026-11-30',
            typeId: type.id,
          }),
        ).headline;
      expect((await november()).sessionsHeld.current).toBe(0);
      expect(syncStatus(core, me).reportsIncomplete).toBe('firstSync');

      const offline = await syncEngine(core, { retry: false }).run();
      expect(offline).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
      const headline = await november();
      expect(headline.sessionsHeld.current).toBe(3);
      expect(headline.beneficiariesServed.current).toBe(3);
      // Still short of the server's records until a first sync ends: on screen, and on paper.
      expect(syncStatus(core, me).reportsIncomplete).toBe('firstSync');
      expect(monthlyReport(core, me, { page: 'monthly', month: '2026-11', locale: 'en' }).header.incomplete).toBe('firstSync');
      client.close();
    } finally {
      syncEngine(core).stop();
      core.close();
    }
  });

  it('resumed online: the progress bar starts from the rows already received and climbs to the total', async () => {
    const a = await connectedDevice(server, server.users.manager, { retry: false });
    for (let i = 0; i < 30; i++) await a.register({ givenName: `Resumed ${i}` });
    expect(await a.sync()).toEqual({ ok: true });
    a.close();

    // A page a row, ten to a transaction: the app closes after the first transaction's rows.
    const first = await openTestCore();
    await signInToServer(first, server.url, server.users.manager);
    const cut = syncEngine(first, { retry: false, pageSize: 1 });
    const notify = first.notify.bind(first);
    first.notify = (topics) => {
      notify(topics);
      if (first.store.sqlite.open && cut.activity.pulled >= 10) first.close();
    };
    expect((await cut.run()).ok).toBe(false);

    const core = await openCore({ dataDir: first.dataDir, secrets: new FileSecretStore(first.dataDir), migrationsFolder });
    const engine = syncEngine(core, { retry: false, pageSize: 1 });
    try {
      const { sqlite } = core.store;
      const held = pullEntities.reduce(
        (sum, entity) => sum + (sqlite.prepare(`select count(*) from ${entity} where server_version is not null`).pluck().get() as number),
        0,
      );
      expect(held).toBeGreaterThanOrEqual(10);
      const seen: { pulled: number; total: number | null }[] = [];
      const notifyAgain = core.notify.bind(core);
      core.notify = (topics) => {
        if (engine.activity.phase === 'pulling') seen.push({ pulled: engine.activity.pulled, total: engine.activity.pullTotal });
        notifyAgain(topics);
      };
      expect(await engine.run()).toEqual({ ok: true });
      const total = engine.activity.pullTotal!;
      expect(total).toBeGreaterThan(held + 20);
      // Not from zero: the bar starts where the cut-short sync stopped.
      expect(seen.find((s) => s.total !== null)).toEqual({ pulled: held, total });
      expect(seen.some((s) => s.pulled > held && s.pulled < total)).toBe(true);
      expect(engine.activity.pulled).toBe(total);
      expect(reportsIncomplete(core)).toBeNull();
    } finally {
      engine.stop();
      core.close();
    }
  });
});
