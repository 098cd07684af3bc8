import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStatus, SessionUser } from '../../../common/account';
import type { ServerMessage } from '../../../common/rpc';
import type { OpenConflict, RejectedChange, SyncStatus } from '../../../common/sync';
import { startTestServer, type TestServer } from '../../../server/testing';
import { clientAs, dataOf, openTestCore, testClient } from '../testing';
import { syncEngine } from './engine';
import { localChecksum } from './checksum';
import { signInToServer } from './connect';
import { syncStatus } from './status';
import { readTokens, storeTokens } from './tokens';
import { connectedDevice, editable, type Device } from './testing';

// One server for the file (PGlite takes seconds to start); every test uses fresh devices and fresh rows.
let server: TestServer;
const devices: Device[] = [];
beforeAll(async () => {
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
}, 120_000);
afterAll(() => server.close());
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});
const errorOf = (m: ServerMessage) => (m.type === 'error' ? (m.error as { code: string; message: string; data?: unknown }) : null);
const outboxOf = (d: Device) =>
  d.core.store.sqlite.prepare('select seq, status, reason from outbox where entity = ? order by seq').all('beneficiaries');
const device = async (role: 'admin' | 'manager' | 'staff' = 'staff') => {
  const d = await connectedDevice(server, server.users[role]);
  devices.push(d);
  return d;
};

describe('push and pull between two devices through one server', () => {
  it('a beneficiary registered on one device appears on the other, verified by checksum', async () => {
    const a = await device();
    const b = await device('manager');
    const made = await a.register({ givenName: 'Wanjiru', phone: '+254711000111', tags: ['mobile'] });
    expect(syncStatus(a.core, a.me).pending).toEqual({ beneficiaries: 1 });

    expect(await a.sync()).toEqual({ ok: true });
    expect(syncStatus(a.core, a.me).pending).toEqual({});
    expect(await b.sync()).toEqual({ ok: true });

    const seen = await b.get(made.id);
    expect(seen).toMatchObject({ givenName: 'Wanjiru', phone: '+254711000111', tags: ['mobile'], code: made.code });
    const status = syncStatus(b.core, b.me);
    expect(status.lastVerifiedAt).not.toBeNull();
    expect(localChecksum(b.core.store.sqlite, 'beneficiaries')).toEqual(localChecksum(a.core.store.sqlite, 'beneficiaries'));
    // Pulled rows are not local mutations: nothing waits to go back.
    expect(status.pending).toEqual({});
  });

  it('a local edit stays visible over a pulled row until the server has it', async () => {
    const a = await device();
    const b = await device();
    const made = await a.register({ givenName: 'Baraka' });
    await a.sync();
    await b.sync();
    await a.client.mutate('beneficiaries.update', { ...editable(made), familyName: 'Otieno' });
    await a.sync();
    // B edits another field offline, then pulls A's edit: both show, and B's waits to be sent.
    const onB = await b.get(made.id);
    await b.client.mutate('beneficiaries.update', { ...editable(onB), phone: '+254722000222' });
    const before = await b.get(made.id);
    expect(before.phone).toBe('+254722000222');
    expect(await b.sync()).toEqual({ ok: true });
    expect(await b.get(made.id)).toMatchObject({ familyName: 'Otieno', phone: '+254722000222' });
    await a.sync();
    expect(await a.get(made.id)).toMatchObject({ familyName: 'Otieno', phone: '+254722000222' });
  });

  it('concurrent edits of one field keep the later one and record the other as a conflict on both devices', async () => {
    const a = await device();
    const b = await device();
    const made = await a.register({ givenName: 'Achieng' });
    await a.sync();
    await b.sync();
    await a.client.mutate('beneficiaries.update', { ...editable(made), phone: '+254700000001' });
    await new Promise((r) => setTimeout(r, 5));
    await b.client.mutate('beneficiaries.update', { ...editable(await b.get(made.id)), phone: '+254700000002' });
    await a.sync();
    await b.sync();
    await a.sync();
    expect((await a.get(made.id)).phone).toBe('+254700000002');
    expect((await b.get(made.id)).phone).toBe('+254700000002');
    for (const d of [a, b]) {
      const rows = d.core.store.sqlite.prepare('select field, kept_value, lost_value from conflicts where row_id = ?').all(made.id);
      expect(rows).toEqual([{ field: 'phone', kept_value: '"+254700000002"', lost_value: '"+254700000001"' }]);
      expect(syncStatus(d.core, d.me).conflicts).toBe(1);
    }
  });
});

describe('conflicts', () => {
  it('a manager restores the lost value: an ordinary edit that syncs, and the conflict closes everywhere', async () => {
    const staff = await device();
    const manager = await device('manager');
    const made = await staff.register({ givenName: 'Nekesa' });
    await staff.sync();
    await manager.sync();
    await staff.client.mutate('beneficiaries.update', { ...editable(made), address: 'Old Market Road' });
    await new Promise((r) => setTimeout(r, 5));
    await manager.client.mutate('beneficiaries.update', { ...editable(await manager.get(made.id)), address: 'Lake View' });
    await staff.sync();
    await manager.sync();

    const [conflict] = dataOf<OpenConflict[]>(await manager.client.query('sync.conflicts')).filter((c) => c.rowId === made.id);
    expect(conflict).toMatchObject({ field: 'address', keptValue: 'Lake View', lostValue: 'Old Market Road', lostBy: 'Sam Staff' });
    expect(errorOf(await staff.client.mutate('sync.restore', { id: conflict!.id }))?.code).toBe('FORBIDDEN');
    dataOf(await manager.client.mutate('sync.restore', { id: conflict!.id }));
    expect((await manager.get(made.id)).address).toBe('Old Market Road');
    expect(await manager.sync()).toEqual({ ok: true });
    await staff.sync();
    expect((await staff.get(made.id)).address).toBe('Old Market Road');
    expect(dataOf<OpenConflict[]>(await staff.client.query('sync.conflicts')).filter((c) => c.rowId === made.id)).toEqual([]);
    expect(dataOf<OpenConflict[]>(await manager.client.query('sync.conflicts')).filter((c) => c.rowId === made.id)).toEqual([]);
  });
  it("a session's conflicts name the session and the person, and show only to people of the session's clinic", async () => {
    const type = await server.createSessionType({ name: 'Group counselling' });
    const manager = await device('manager');
    const admin = await device('admin');
    const person = await manager.register({ givenName: 'Zawadi', familyName: 'Achieng' });
    const created = dataOf<{ session: { id: string } }>(
      await manager.client.mutate('sessions.create', {
        clinicId: server.clinic.id,
        typeId: type.id,
        staffId: manager.me.id,
        scheduledAt: '2026-11-20T09:00:00.000Z',
        durationMinutes: 60,
        attendees: [{ beneficiaryId: person.id }],
      }),
    );
    const sessionId = created.session.id;
    await manager.sync();
    await admin.sync();
    // Both mark the same person offline, differently.
    for (const [d, attendance] of [
      [manager, 'attended'],
      [admin, 'missed'],
    ] as const) {
      dataOf(await d.client.mutate('sessions.markAttendance', { sessionId, attendees: [{ beneficiaryId: person.id, attendance }] }));
      await new Promise((r) => setTimeout(r, 5));
    }
    await manager.sync();
    await admin.sync();

    const conflicts = dataOf<OpenConflict[]>(await admin.client.query('sync.conflicts'));
    expect(conflicts.find((c) => c.entity === 'session_attendees' && c.field === 'attendance')).toMatchObject({
      label: `Zawadi Achieng (${person.code})`,
      when: '2026-11-20T09:00:00.000Z',
      sessionId,
      keptValue: 'missed',
      lostValue: 'attended',
    });
    // A manager of another clinic, signed in on the same computer, is not shown them, nor counted them.
    expect(dataOf<SyncStatus>(await admin.client.query('sync.status')).conflicts).toBe(conflicts.length);
    const other = await server.createClinic({ name: 'Elsewhere', code: 'ELS' });
    const outsider = await clientAs(admin.core, 'manager', [other.id]);
    expect(dataOf<OpenConflict[]>(await outsider.query('sync.conflicts'))).toEqual([]);
    expect(dataOf<SyncStatus>(await outsider.query('sync.status')).conflicts).toBe(0);
    outsider.close();
  });
});

describe('beneficiary codes', () => {
  it('each device signs in with its own device code from the server, kept across sign-ins', async () => {
    const a = await device();
    const b = await device();
    const codeOf = (d: Device) => d.core.store.sqlite.prepare('select device_code from sync_state').pluck().get() as string;
    expect(codeOf(a)).toBe(await server.deviceCode(a.core.deviceId));
    expect(codeOf(b)).toBe(await server.deviceCode(b.core.deviceId));
    expect(codeOf(a)).not.toBe(codeOf(b));
    const made = await a.register();
    expect(made.code).toBe(`${server.clinic.code}-${codeOf(a)}-0001`);

    await signInToServer(a.core, server.url, { email: server.users.staff.email, password: server.users.staff.password });
    expect(codeOf(a)).toBe(made.code.split('-')[1]);
  });

  it('two devices that made the same codes (a standalone install joined, or a server that gives none) both sync, and neither is wedged', async () => {
    const a = await device();
    const b = await device();
    for (const d of [a, b]) d.core.store.sqlite.prepare("update sync_state set device_code = 'ZZZ', code_seq = 0").run();
    const fromA = await a.register({ givenName: 'Amani' });
    const fromB = await b.register({ givenName: 'Baraka' });
    expect(fromA.code).toBe(fromB.code);

    expect(await a.sync()).toEqual({ ok: true });
    expect(await b.sync()).toEqual({ ok: true });
    expect(await a.sync()).toEqual({ ok: true });
    for (const d of [a, b]) {
      await expect(d.get(fromA.id)).resolves.toMatchObject({ givenName: 'Amani', code: fromA.code });
      await expect(d.get(fromB.id)).resolves.toMatchObject({ givenName: 'Baraka', code: fromB.code });
    }
    const next = await b.register({ givenName: 'Chausiku' });
    expect(await b.sync()).toEqual({ ok: true });
    expect(await a.sync()).toEqual({ ok: true });
    await expect(a.get(next.id)).resolves.toMatchObject({ givenName: 'Chausiku' });
  });
});

describe('refusals and fail-safes', () => {
  it('a refused mutation does not wedge the queue; fixed and resubmitted, it goes through', async () => {
    const a = await device();
    const bad = await a.register({ givenName: 'Refused' });
    const good = await a.register({ givenName: 'Accepted' });
    // The registration is damaged on its way (a value the server does not accept).
    const [first] = outboxOf(a) as { seq: number }[];
    const fields = JSON.parse(a.core.store.sqlite.prepare('select fields from outbox where seq = ?').pluck().get(first!.seq) as string);
    a.core.store.sqlite.prepare('update outbox set fields = ? where seq = ?').run(JSON.stringify({ ...fields, sex: 'robot' }), first!.seq);

    expect(await a.sync()).toEqual({ ok: true });
    const rejected = dataOf<RejectedChange[]>(await a.client.query('sync.rejected'));
    expect(rejected).toMatchObject([{ rowId: bad.id, reason: { code: 'VALIDATION' }, label: expect.stringContaining('Refused') }]);
    expect(syncStatus(a.core, a.me)).toMatchObject({ pending: {}, rejected: 1 });
    // A colleague of another clinic on this computer is neither shown the refusal nor counted it.
    const elsewhere = await server.createClinic({ name: 'Refusals elsewhere', code: 'RFE' });
    const colleague = await clientAs(a.core, 'staff', [elsewhere.id]);
    expect(dataOf<RejectedChange[]>(await colleague.query('sync.rejected'))).toEqual([]);
    expect(dataOf<SyncStatus>(await colleague.query('sync.status')).rejected).toBe(0);
    colleague.close();
    // The local data is kept, and the next mutation went through.
    expect((await a.get(bad.id)).givenName).toBe('Refused');
    const other = await device();
    await expect(other.get(good.id)).resolves.toMatchObject({ givenName: 'Accepted' });

    await a.client.mutate('beneficiaries.update', { ...editable(await a.get(bad.id)), givenName: 'Fixed' });
    dataOf(await a.client.mutate('sync.resubmit', { seq: rejected[0]!.seq }));
    expect(await a.sync()).toEqual({ ok: true });
    expect(syncStatus(a.core, a.me)).toMatchObject({ pending: {}, rejected: 0 });
    await other.sync();
    expect(await other.get(bad.id)).toMatchObject({ givenName: 'Fixed', sex: 'female' });
  });

  it('RESYNC_REQUIRED: pulls everything again and keeps the outbox', async () => {
    const a = await device();
    const kept = await a.register({ givenName: 'Kept' });
    a.core.store.sqlite.prepare("update outbox set fields = json_set(fields, '$.sex', 'robot') where row_id = ?").run(kept.id);
    await a.sync(); // refused: stays in the outbox as rejected
    const b = await device();
    const remote = await b.register({ givenName: 'FromB' });
    await b.sync();
    const before = outboxOf(a);
    a.core.store.sqlite.prepare("update sync_state set cursor = 'not-a-cursor'").run();

    expect(await a.sync()).toEqual({ ok: true });
    expect(outboxOf(a)).toEqual(before);
    expect((await a.get(remote.id)).givenName).toBe('FromB');
    expect((await a.get(kept.id)).givenName).toBe('Kept');
    expect(a.core.store.sqlite.prepare('select cursor from sync_state').pluck().get()).not.toBe('not-a-cursor');
  });

  it('a first sync writes its rows without their secondary indexes and builds them once, at its end, saying so', async () => {
    const a = await device();
    for (const givenName of ['One', 'Two', 'Three']) await a.register({ givenName });
    await a.sync();
    const core = await openTestCore();
    const { sqlite } = core.store;
    const indexes = () =>
      sqlite
        .prepare(
          "select name from sqlite_master where type = 'index' and tbl_name in ('beneficiaries', 'sessions', 'session_attendees') order by name",
        )
        .pluck()
        .all() as string[];
    const all = indexes();
    // Looked at each time the engine reports progress (after each applied transaction, and each phase).
    const during: { phase: string; indexes: string[] }[] = [];
    const notify = core.notify.bind(core);
    core.notify = (topics) => {
      during.push({ phase: engine.activity.phase, indexes: indexes() });
      notify(topics);
    };
    await signInToServer(core, server.url, server.users.staff);
    const engine = syncEngine(core, { retry: false, pageSize: 1 });
    try {
      expect(await engine.run()).toEqual({ ok: true });
      const unique = all.filter((name) => name.startsWith('sqlite_autoindex') || name === 'session_attendees_pair');
      expect(during).toContainEqual({ phase: 'pulling', indexes: unique });
      // The windows hear that the lists are being prepared before the build holds the thread.
      expect(during.find((d) => d.phase === 'preparing')).toEqual({ phase: 'preparing', indexes: unique });
      expect(indexes()).toEqual(all);
      expect(sqlite.prepare("select count(*) from beneficiaries where given_name in ('One', 'Two', 'Three')").pluck().get()).toBe(3);
    } finally {
      engine.stop();
      core.close();
    }
  });

  it('a first sync knows how many rows are coming before the first page, and its count of received rows climbs to it', async () => {
    const a = await device();
    for (let i = 0; i < 12; i++) await a.register({ givenName: `Counted ${i}` });
    await a.sync();
    const core = await openTestCore();
    await signInToServer(core, server.url, server.users.staff);
    // A page a row: the pages are applied ten to a transaction, and progress is reported after each.
    const engine = syncEngine(core, { retry: false, pageSize: 1 });
    const seen: { pulled: number; total: number | null }[] = [];
    const notify = core.notify.bind(core);
    core.notify = (topics) => {
      if (engine.activity.phase === 'pulling') seen.push({ pulled: engine.activity.pulled, total: engine.activity.pullTotal });
      notify(topics);
    };
    try {
      expect(await engine.run()).toEqual({ ok: true });
      const total = engine.activity.pullTotal!;
      expect(total).toBeGreaterThan(12);
      expect(engine.activity.pulled).toBe(total);
      // Known before the first row arrives, and the same until the end.
      expect(seen.find((s) => s.total !== null)).toEqual({ pulled: 0, total });
      expect(seen.filter((s) => s.pulled > 0).every((s) => s.total === total)).toBe(true);
      expect(seen.some((s) => s.pulled > 0 && s.pulled < total)).toBe(true);
      // Caught up, a sync pulls what changed since: no total to count.
      expect(await engine.run()).toEqual({ ok: true });
      expect(engine.activity.pullTotal).toBeNull();
    } finally {
      engine.stop();
      core.close();
    }
  });

  it('a checksum mismatch pulls the table again, and only a match counts as verified', async () => {
    const a = await device();
    const made = await a.register({ givenName: 'Diverged' });
    await a.sync();
    const b = await device();
    // Divergence the cursor cannot see: a row lost on this device.
    b.core.store.sqlite.prepare('delete from beneficiaries where id = ?').run(made.id);
    b.core.store.sqlite.prepare('update sync_state set last_verified_at = null').run();
    expect(await b.sync()).toEqual({ ok: true });
    expect((await b.get(made.id)).givenName).toBe('Diverged');
    expect(syncStatus(b.core, b.me).lastVerifiedAt).not.toBeNull();
  });

  it("a version changed behind the device's back is caught by the kept digest and pulled again", async () => {
    const a = await device();
    const made = await a.register({ givenName: 'Behind' });
    await a.sync();
    const b = await device();
    const { sqlite } = b.core.store;
    const before = localChecksum(sqlite, 'beneficiaries');
    sqlite.prepare('update beneficiaries set server_version = 1, given_name = ? where id = ?').run('Tampered', made.id);
    expect(localChecksum(sqlite, 'beneficiaries')).not.toEqual(before);
    expect(await b.sync()).toEqual({ ok: true });
    expect((await b.get(made.id)).givenName).toBe('Behind');
    expect(localChecksum(sqlite, 'beneficiaries')).toEqual(before);
    expect(syncStatus(b.core, b.me).lastVerifiedAt).not.toBeNull();
  });

  it('a kept digest that drifted from its rows is recomputed from them, without pulling the table again', async () => {
    const a = await device();
    await a.register({ givenName: 'Drift' });
    await a.sync();
    const b = await device();
    const { sqlite } = b.core.store;
    const before = localChecksum(sqlite, 'beneficiaries');
    sqlite.prepare("update sync_digests set hash = 0 where entity = 'beneficiaries'").run();
    expect(await b.sync()).toEqual({ ok: true });
    expect(syncStatus(b.core, b.me).activity.pulled).toBe(0);
    expect(localChecksum(sqlite, 'beneficiaries')).toEqual(before);
    expect(syncStatus(b.core, b.me).lastVerifiedAt).not.toBeNull();
  });

  it('stops before a pull that would delete most of a table, until an admin confirms', async () => {
    const admin = await device('admin');
    const made = [];
    for (let i = 0; i < 130; i++) made.push(await admin.register({ givenName: `Bulk${i}` }));
    await admin.sync();
    const b = await device();
    const live = () => b.core.store.sqlite.prepare('select count(*) from beneficiaries where deleted_at is null').pluck().get() as number;
    const before = live();
    for (const m of made.slice(0, 120)) await admin.client.mutate('beneficiaries.erase', { id: m.id, reason: 'Test data' });
    await admin.sync();

    const outcome = await b.sync();
    expect(outcome.error?.code).toBe('MASS_DELETE');
    expect(syncStatus(b.core, b.me).activity.massDelete).toMatchObject({ entity: 'beneficiaries', deleting: 120 });
    expect(live()).toBe(before);
    expect(errorOf(await b.client.mutate('sync.confirmMassDelete'))?.code).toBe('FORBIDDEN');
    // An admin on that computer confirms.
    const adminHere = testClient(b.core);
    const user = server.users.admin;
    await signInToServer(b.core, server.url, { email: user.email, password: user.password });
    dataOf(await adminHere.mutate('account.signIn', { email: user.email, password: user.password }));
    expect(dataOf(await adminHere.mutate('sync.confirmMassDelete'))).toEqual({ ok: true });
    expect(live()).toBe(before - 120);
    adminHere.close();
  });
});

describe('the same national ID registered offline on two devices', () => {
  it('both records sync everywhere, each device lists the other as a probable duplicate, and a merge settles it', async () => {
    const a = await device();
    const b = await device('manager');
    const nationalId = `KE-${Date.now()}`;
    const onA = await a.register({ givenName: 'Halima', familyName: 'Omondi', nationalId });
    const onB = await b.register({ givenName: 'Halima', familyName: 'Omondi', nationalId, phone: '+254711222333' });
    expect(await a.sync()).toEqual({ ok: true });
    // B pulls A's record, which holds B's national ID: stored, not an INTERNAL failure that stops every later pull.
    expect(await b.sync()).toEqual({ ok: true });
    expect(await a.sync()).toEqual({ ok: true });
    for (const d of [a, b]) {
      expect(await d.get(onA.id)).toMatchObject({ nationalId });
      expect(await d.get(onB.id)).toMatchObject({ nationalId });
      expect(syncStatus(d.core, d.me)).toMatchObject({ pending: {}, rejected: 0 });
      expect(syncStatus(d.core, d.me).lastVerifiedAt).not.toBeNull();
    }

    // Both are shown as probable duplicates of each other, to be merged.
    const candidates = dataOf<{ id: string; reasons: string[] }[]>(
      await b.client.query('beneficiaries.duplicates', { ...editable(await b.get(onB.id)), id: onB.id }),
    );
    expect(candidates).toEqual([expect.objectContaining({ id: onA.id, reasons: expect.arrayContaining(['nationalId']) })]);
    // Either record stays editable while they share the ID; a new record still may not take it.
    dataOf(await a.client.mutate('beneficiaries.update', { ...editable(await a.get(onA.id)), address: 'Kondele' }));
    const refused = errorOf(await a.client.mutate('beneficiaries.register', { ...editable(onA), id: undefined, duplicateReason: 'x' }));
    expect(refused).toMatchObject({ code: 'CONFLICT', fieldErrors: { nationalId: ['beneficiaries.errors.nationalIdTaken'] } });

    dataOf(await b.client.mutate('beneficiaries.merge', { survivorId: onB.id, duplicateId: onA.id }));
    expect(await b.sync()).toEqual({ ok: true });
    expect(await a.sync()).toEqual({ ok: true });
    expect(await a.get(onB.id)).toMatchObject({ nationalId, phone: '+254711222333' });
    expect(errorOf(await a.client.query('beneficiaries.get', { id: onA.id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("on a shared computer, the admin's offline merge goes through though the staff member signed in to the server last", async () => {
    const admin = await server.createUser({ role: 'admin' });
    const shared = await device();
    await signInToServer(shared.core, server.url, { email: admin.email, password: admin.password });
    const { email, password } = server.users.staff;
    await signInToServer(shared.core, server.url, { email, password });
    const [survivor, duplicate] = [await shared.register({ givenName: 'Zawadi' }), await shared.register({ givenName: 'Zawadi' })];
    expect(await shared.sync()).toEqual({ ok: true });

    // The admin signs in on this computer while the server is out of reach (the offline verifier), and merges.
    const adminHere = testClient(shared.core);
    dataOf(await adminHere.mutate('account.signIn', { email: admin.email, password: admin.password }));
    dataOf(await adminHere.mutate('beneficiaries.merge', { survivorId: survivor.id, duplicateId: duplicate.id }));
    adminHere.close();
    expect(await shared.sync()).toEqual({ ok: true });
    expect(syncStatus(shared.core, shared.me)).toMatchObject({ pending: {}, rejected: 0 });

    const other = await device('manager');
    expect(errorOf(await other.client.query('beneficiaries.get', { id: duplicate.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await other.get(survivor.id)).toMatchObject({ givenName: 'Zawadi' });
  });
});

describe('signing in and out', () => {
  it('first run joins the server IT set in the deploy config, whatever address was typed', async () => {
    const core = await openTestCore({ deploy: { file: '/etc/outpost/deploy.json', config: { serverUrl: server.url }, errors: [] } });
    const firstRun = testClient(core);
    expect(dataOf<AccountStatus>(await firstRun.query('account.status'))).toMatchObject({
      needsSetup: true,
      deployedServerUrl: server.url,
    });
    const { email, password } = server.users.staff;
    const me = dataOf<SessionUser>(
      await firstRun.mutate('sync.connectAtSetup', { serverUrl: 'https://elsewhere.example', email, password }),
    );
    expect(me.email).toBe(email);
    expect(syncStatus(core, me).serverUrl).toBe(server.url);
    firstRun.close();
    syncEngine(core).stop();
    core.close();
  });

  it('after one online sign-in, signing in works offline; someone new signs in through the server', async () => {
    const extra = await server.createUser({ name: 'Nia Nurse' });
    const a = await device();
    const newcomer = testClient(a.core);
    const me = dataOf<{ name: string }>(await newcomer.mutate('account.signIn', { email: extra.email, password: extra.password }));
    expect(me.name).toBe('Nia Nurse');
    newcomer.close();
    // Server unreachable: the local verifier answers.
    a.core.store.sqlite.prepare("update sync_state set server_url = 'http://127.0.0.1:9'").run();
    const offline = testClient(a.core);
    expect(dataOf<{ name: string }>(await offline.mutate('account.signIn', { email: extra.email, password: extra.password })).name).toBe(
      'Nia Nurse',
    );
    expect(errorOf(await offline.mutate('account.signIn', { email: extra.email, password: 'wrong password' }))?.code).toBe(
      'UNAUTHENTICATED',
    );
    offline.close();
  });

  it('a computer shut off after the server rotated its refresh token, before storing the new one, keeps syncing', async () => {
    const a = await device();
    const before = await readTokens(a.core);
    // The refresh reaches the server, which rotates; its answer never arrives. The access token has expired since.
    const lost = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: before.refresh }),
    });
    expect(lost.status).toBe(200);
    await storeTokens(a.core, { access_token: 'expired', refresh_token: before.refresh!, expires_in: 900 }, a.core.deviceId);

    const person = await a.register({ givenName: 'After the shutdown' });
    expect(await a.sync()).toEqual({ ok: true });
    const after = await readTokens(a.core);
    expect(after.refresh).not.toBe(before.refresh);
    // The token it was given again rotates as usual.
    await storeTokens(a.core, { access_token: 'expired', refresh_token: after.refresh!, expires_in: 900 }, a.core.deviceId);
    expect(await a.sync()).toEqual({ ok: true });
    const b = await device('manager');
    expect(await b.get(person.id)).toMatchObject({ givenName: 'After the shutdown' });
  });

  it('refuses to sign out while changes wait to be sent, unless an admin confirms', async () => {
    const a = await device();
    await a.register({ givenName: 'Unsent' });
    const refused = errorOf(await a.client.mutate('account.signOut'));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(await a.client.mutate('account.signOut', { confirmUnsynced: true }))?.code).toBe('FORBIDDEN');
    await a.sync();
    expect(errorOf(await a.client.mutate('account.signOut'))).toBeNull();
  });
});
