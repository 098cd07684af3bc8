import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus, SessionUser } from '../../../common/account';
import type { AuditEntry } from '../../../common/audit';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';

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
