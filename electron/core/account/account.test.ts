import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus, SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { ServerMessage } from '../../../common/rpc';
import { eq } from 'drizzle-orm';
import { auditLog, syncState, users } from '../../../db/schema';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { connect, lockAllConnections } from '../transport';

let core: Core;
afterEach(() => core?.close());

describe('first run and sign-in, offline', () => {
  it('sets up once: organisation, clinic and an admin who is signed in', async () => {
    core = await openTestCore();
    const client = testClient(core);
    expect(dataOf<AccountStatus>(await client.query('account.status'))).toMatchObject({ needsSetup: true, user: null });

    const admin = dataOf<SessionUser>(await client.mutate('account.setup', { ...setupAdmin, email: '  Admin@Example.ORG ' }));

    expect(admin).toMatchObject({ role: 'admin', email: 'admin@example.org', clinicIds: [expect.any(String)] });
    expect(dataOf<AccountStatus>(await client.query('account.status'))).toMatchObject({
      needsSetup: false,
      organisation: setupAdmin.organisation,
      user: admin,
    });
    const again = await testClient(core).mutate('account.setup', { ...setupAdmin, email: 'other@example.org' });
    expect(again).toMatchObject({ type: 'error', error: { code: 'CONFLICT' } });
  });

  it('signs in with the right password only, and audits both outcomes', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    const client = testClient(core);

    expect(await client.mutate('account.signIn', { email: setupAdmin.email, password: 'wrong password' })).toMatchObject({
      type: 'error',
      error: { code: 'UNAUTHENTICATED', message: 'account.errors.badCredentials' },
    });
    expect(await client.query('clinics.list')).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
    dataOf(await client.mutate('account.signIn', { email: setupAdmin.email, password: setupAdmin.password }));

    const actions = dataOf<AuditEntry[]>(await client.query('audit.recent', {})).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['account.signIn', 'account.signInFailed']);

    dataOf(await client.mutate('account.signOut'));
    expect(await client.query('clinics.list')).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
  });

  it('locks the account after 10 wrong passwords in a row, even against the right one', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    const client = testClient(core);
    for (let i = 0; i < 10; i++) await client.mutate('account.signIn', { email: setupAdmin.email, password: `guess ${i}` });

    expect(await client.mutate('account.signIn', setupAdmin)).toMatchObject({ type: 'error', error: { code: 'LOCKED' } });
  });
});

describe('the lockout holds against simultaneous attempts', () => {
  const codesOf = (answers: ServerMessage[]) => answers.map((m) => (m.type === 'error' ? m.error.code : 'OK'));
  const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length]));

  it('30 parallel wrong passwords: 10 are checked, the rest are refused as locked, and then the right one is refused too', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    const clients = Array.from({ length: 30 }, () => testClient(core));

    const answers = await Promise.all(
      clients.map((c, i) => c.mutate('account.signIn', { email: setupAdmin.email, password: `guess ${i}` })),
    );

    expect(tally(codesOf(answers))).toEqual({ UNAUTHENTICATED: 10, LOCKED: 20 });
    expect(core.store.db.select({ n: users.failedSignIns }).from(users).get()!.n).toBe(10);
    expect(codesOf([await testClient(core).mutate('account.signIn', setupAdmin)])).toEqual(['LOCKED']);
  });

  it('once locked, a burst of wrong passwords with the right one among them gets nothing through', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    for (let i = 0; i < 10; i++) await testClient(core).mutate('account.signIn', { email: setupAdmin.email, password: `guess ${i}` });

    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        testClient(core).mutate('account.signIn', { email: setupAdmin.email, password: `more ${i}` }),
      ),
      testClient(core).mutate('account.signIn', setupAdmin),
    ]);

    expect(new Set(codesOf(answers))).toEqual(new Set(['LOCKED']));
  });

  it('30 parallel wrong PINs lock the account after 10, and then the right PIN does not unlock', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    dataOf(await admin.mutate('account.setPin', { pin: '2468', password: setupAdmin.password }));
    dataOf(await admin.mutate('account.lock'));

    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => admin.mutate('account.unlock', { pin: String(1000 + i) })));

    expect(tally(codesOf(answers))).toEqual({ UNAUTHENTICATED: 10, LOCKED: 20 });
    expect(codesOf([await admin.mutate('account.unlock', { pin: '2468' })])).toEqual(['LOCKED']);
    expect(dataOf<AccountStatus>(await admin.query('account.status'))).toMatchObject({ locked: true });
    expect(codesOf([await testClient(core).mutate('account.signIn', setupAdmin)])).toEqual(['LOCKED']);
  });

  it('a right password clears the count of earlier failures', async () => {
    core = await openTestCore();
    await testClient(core).mutate('account.setup', setupAdmin);
    for (let i = 0; i < 9; i++) await testClient(core).mutate('account.signIn', { email: setupAdmin.email, password: `guess ${i}` });

    dataOf(await testClient(core).mutate('account.signIn', setupAdmin));

    expect(core.store.db.select({ n: users.failedSignIns }).from(users).get()!.n).toBe(0);
  });
});

describe('open screens hear of account changes', () => {
  /** Runs `act` and returns the topics announced meanwhile. */
  async function topicsDuring(act: () => Promise<unknown>): Promise<string[]> {
    const stop = new AbortController();
    const heard: string[] = [];
    const listening = (async () => {
      try {
        for await (const event of core.changes(stop.signal)) heard.push(...event.topics);
      } catch {
        // Aborted: the listener is done.
      }
    })();
    await act();
    stop.abort();
    await listening;
    return heard;
  }

  it('a failed sign-in, a successful one after failures, and a new PIN announce users', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);

    expect(await topicsDuring(() => testClient(core).mutate('account.signIn', { ...setupAdmin, password: 'wrong password' }))).toContain(
      'users',
    );
    expect(await topicsDuring(() => testClient(core).mutate('account.signIn', setupAdmin))).toContain('users');
    expect(await topicsDuring(() => admin.mutate('account.setPin', { pin: '2468', password: setupAdmin.password }))).toContain('users');
  });
});

describe('changing one’s own password', () => {
  const newPassword = 'a brand new passphrase';

  it('needs the current password, then only the new one signs in; the change is audited and other windows stay signed in', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    const other = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    dataOf(await other.mutate('account.signIn', setupAdmin));

    const wrong = await admin.mutate('account.changePassword', { current: 'not my password', password: newPassword });
    expect(wrong).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION', fieldErrors: { current: ['account.errors.wrongPassword'] } },
    });
    const same = await admin.mutate('account.changePassword', { current: setupAdmin.password, password: setupAdmin.password });
    expect(same).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION', fieldErrors: { password: ['account.errors.samePassword'] } },
    });
    const short = await admin.mutate('account.changePassword', { current: setupAdmin.password, password: 'short' });
    expect(short).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION', fieldErrors: { password: ['account.errors.passwordShort'] } },
    });

    dataOf(await admin.mutate('account.changePassword', { current: setupAdmin.password, password: newPassword }));

    expect(await testClient(core).mutate('account.signIn', setupAdmin)).toMatchObject({
      type: 'error',
      error: { code: 'UNAUTHENTICATED' },
    });
    dataOf(await testClient(core).mutate('account.signIn', { email: setupAdmin.email, password: newPassword }));
    // The other window carries on, and its unlock now takes the new password.
    dataOf(await other.query('clinics.list'));
    dataOf(await other.mutate('account.lock'));
    expect(await other.mutate('account.unlock', { password: setupAdmin.password })).toMatchObject({ type: 'error' });
    dataOf(await other.mutate('account.unlock', { password: newPassword }));

    const actions = dataOf<AuditEntry[]>(await admin.query('audit.recent', {})).map((e) => e.action);
    expect(actions).toContain('account.changePassword');
    expect(JSON.stringify(dataOf<AuditEntry[]>(await admin.query('audit.recent', {})))).not.toContain(newPassword);
  });

  it('wrong current passwords count toward the lockout', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    for (let i = 0; i < 10; i++) await admin.mutate('account.changePassword', { current: `guess ${i}`, password: newPassword });

    expect(await admin.mutate('account.changePassword', { current: setupAdmin.password, password: newPassword })).toMatchObject({
      type: 'error',
      error: { code: 'LOCKED' },
    });
    expect(await testClient(core).mutate('account.signIn', setupAdmin)).toMatchObject({ type: 'error', error: { code: 'LOCKED' } });
  });

  it('is refused with a clear message when a sync server manages the users', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    core.store.db.update(syncState).set({ serverUrl: 'https://outpost.example.org' }).run();

    expect(await admin.mutate('account.changePassword', { current: setupAdmin.password, password: newPassword })).toMatchObject({
      type: 'error',
      error: { code: 'CONFLICT', message: 'account.errors.passwordOnServer' },
    });
    dataOf(await testClient(core).mutate('account.signIn', setupAdmin));
  });
});

describe('the host locks every window at once (OS lock screen, sleep)', () => {
  it('locks each signed-in connection, tells its window without being asked, audits why, and leaves the rest alone', async () => {
    core = await openTestCore();
    const setupWindow = testClient(core);
    await setupWindow.mutate('account.setup', setupAdmin);
    const heard: ServerMessage[] = [];
    const window = connect(core, (message) => heard.push(message));
    window.receive({ id: 1, type: 'mutation', path: 'account.signIn', input: { email: setupAdmin.email, password: setupAdmin.password } });
    await expect.poll(() => heard.length, { timeout: 15_000 }).toBe(1); // a real scrypt check: slow on a busy machine
    const other = testClient(core);
    dataOf(await other.mutate('account.signIn', setupAdmin));
    const anonymous = testClient(core);
    const closed = testClient(core);
    dataOf(await closed.mutate('account.signIn', setupAdmin));
    closed.close();

    lockAllConnections('suspend');

    expect(heard.at(-1)).toEqual({ id: 0, type: 'error', error: { code: 'LOCKED', message: 'account.errors.screenLocked' } });
    expect(await other.query('clinics.list')).toMatchObject({ type: 'error', error: { code: 'LOCKED' } });
    expect(dataOf<AccountStatus>(await other.query('account.status'))).toMatchObject({ locked: true });
    expect(dataOf<AccountStatus>(await anonymous.query('account.status'))).toMatchObject({ locked: false, user: null });
    const locks = core.store.db.select().from(auditLog).where(eq(auditLog.action, 'account.lock')).all();
    // The window, the other one, and the one that ran the setup; not the closed one.
    expect(locks.map((entry) => entry.detail)).toEqual([{ reason: 'suspend' }, { reason: 'suspend' }, { reason: 'suspend' }]);

    // Locking again changes nothing: the windows are already covered.
    lockAllConnections('os-lock');
    expect(core.store.db.select().from(auditLog).where(eq(auditLog.action, 'account.lock')).all()).toHaveLength(3);
    for (const client of [window, other, anonymous, setupWindow]) client.close();
  });
});
