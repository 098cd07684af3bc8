import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus, SessionUser } from '../../../common/account';
import type { Clinic } from '../../../common/clinics';
import type { ServerMessage } from '../../../common/rpc';
import type { UserRecord } from '../../../common/users';
import { syncState } from '../../../db/schema';
import { type Core, defaultSignInDelayMs } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());
const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

async function adminWithClinic(options: Parameters<typeof openTestCore>[0] = {}) {
  core = await openTestCore(options);
  const admin = testClient(core);
  const me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  return { admin, me, clinic };
}

const staffInput = (clinicId: string) => ({
  name: 'Sam Staff',
  email: 'sam@example.org',
  role: 'staff',
  clinicIds: [clinicId],
  password: 'staff password 1',
});

describe('user management (standalone)', () => {
  it('an admin creates a staff user who can sign in, and whose role or deactivation applies on the very next call', async () => {
    const { admin, clinic } = await adminWithClinic();
    const sam = dataOf<UserRecord>(await admin.mutate('users.create', staffInput(clinic.id)));
    const staff = testClient(core);
    dataOf(await staff.mutate('account.signIn', { email: 'sam@example.org', password: 'staff password 1' }));
    expect(errorOf(await staff.query('users.list'))?.code).toBe('FORBIDDEN');

    dataOf(await admin.mutate('users.update', { id: sam.id, name: sam.name, role: 'manager', clinicIds: [clinic.id], active: true }));
    expect(errorOf(await staff.query('audit.recent', {}))).toBeNull();

    dataOf(await admin.mutate('users.update', { id: sam.id, name: sam.name, role: 'manager', clinicIds: [clinic.id], active: false }));
    expect(errorOf(await staff.query('clinics.list'))?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await testClient(core).mutate('account.signIn', { email: 'sam@example.org', password: 'staff password 1' }))?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a taken email, an unknown clinic, and removing the last admin', async () => {
    const { admin, me, clinic } = await adminWithClinic();
    dataOf(await admin.mutate('users.create', staffInput(clinic.id)));
    expect(errorOf(await admin.mutate('users.create', staffInput(clinic.id)))?.fieldErrors).toEqual({ email: ['users.errors.emailTaken'] });
    expect(
      errorOf(await admin.mutate('users.create', { ...staffInput('0190a000-0000-7000-8000-00000000ffff'), email: 'x@example.org' }))
        ?.fieldErrors,
    ).toEqual({
      clinicIds: ['clinics.errors.notFound'],
    });
    expect(
      errorOf(await admin.mutate('users.update', { id: me.id, name: me.name, role: 'staff', clinicIds: me.clinicIds, active: true })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'users.errors.lastAdmin',
    });
  });

  it('a password reset lifts a lockout', async () => {
    const { admin, clinic } = await adminWithClinic();
    const sam = dataOf<UserRecord>(await admin.mutate('users.create', staffInput(clinic.id)));
    const staff = testClient(core);
    for (let i = 0; i < 10; i++) await staff.mutate('account.signIn', { email: 'sam@example.org', password: `wrong ${i}` });
    expect(dataOf<UserRecord[]>(await admin.query('users.list')).find((u) => u.id === sam.id)?.lockedOut).toBe(true);
    dataOf(await admin.mutate('users.resetPassword', { id: sam.id, password: 'a brand new password' }));
    dataOf(await staff.mutate('account.signIn', { email: 'sam@example.org', password: 'a brand new password' }));
  });

  it('with a server, refuses local changes with a clear message', async () => {
    const { admin, clinic } = await adminWithClinic();
    core.store.db.update(syncState).set({ serverUrl: 'https://sync.example.org' }).where(eq(syncState.id, 1)).run();
    expect(errorOf(await admin.mutate('users.create', staffInput(clinic.id)))).toMatchObject({
      code: 'CONFLICT',
      message: 'users.errors.managedByServer',
    });
  });
});

describe('lock and unlock', () => {
  it('a locked connection answers nothing but status, unlock and sign-out, until the password or PIN unlocks it', async () => {
    const { admin } = await adminWithClinic();
    dataOf(await admin.mutate('account.lock'));
    expect(dataOf<AccountStatus>(await admin.query('account.status'))).toMatchObject({ locked: true });
    expect(errorOf(await admin.query('clinics.list'))).toMatchObject({ code: 'LOCKED' });
    expect(errorOf(await admin.mutate('account.unlock', { password: 'wrong' }))?.code).toBe('UNAUTHENTICATED');
    dataOf(await admin.mutate('account.unlock', { password: setupAdmin.password }));
    dataOf(await admin.query('clinics.list'));

    expect(errorOf(await admin.mutate('account.setPin', { pin: '12a4', password: setupAdmin.password }))?.fieldErrors).toEqual({
      pin: ['account.errors.pin'],
    });
    dataOf(await admin.mutate('account.setPin', { pin: '2468', password: setupAdmin.password }));
    dataOf(await admin.mutate('account.lock'));
    expect(errorOf(await admin.mutate('account.unlock', { pin: '1357' }))?.code).toBe('UNAUTHENTICATED');
    dataOf(await admin.mutate('account.unlock', { pin: '2468' }));
    expect(dataOf<AccountStatus>(await admin.query('account.status'))).toMatchObject({ locked: false, hasPin: true });
  });

  it('waits longer after each wrong password in a row, up to a cap', async () => {
    const asked: number[] = [];
    const { me } = await adminWithClinic({
      signInDelayMs: (failures) => {
        asked.push(failures);
        return 0;
      },
    });
    const client = testClient(core);
    for (let i = 0; i < 3; i++) await client.mutate('account.signIn', { email: me.email, password: 'wrong password' });
    await client.mutate('account.signIn', { email: me.email, password: setupAdmin.password });
    await client.mutate('account.signIn', { email: me.email, password: 'wrong again' });
    expect(asked).toEqual([0, 1, 2, 3, 0]);
    expect([0, 1, 2, 3, 6, 9].map(defaultSignInDelayMs)).toEqual([0, 250, 500, 1000, 8000, 8000]);
  });
});
