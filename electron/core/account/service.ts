import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccountStatus, ChangePasswordInput, SessionUser, SetupInput, SignInInput, UserSummary } from '../../../common/account';
import { clinics, syncState, users } from '../../../db/schema';
import type { Core } from '../core';
import type { Connection } from '../trpc';
import { CoreError } from '../errors';
import { effectiveSettings } from '../settings/service';
import { readSetting, writeSetting } from '../settings/store';
import { defaultSessionTypes, insertSessionType } from '../sessions/types';
import { checkVerifier, makeVerifier } from './password';

type UserRow = typeof users.$inferSelect;

export const MAX_FAILED_SIGN_INS = 10;

export function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, clinicIds: row.clinicIds };
}

export function status(core: Core, connection: Connection): AccountStatus {
  const { db } = core.store;
  const userCount = db.select({ n: count() }).from(users).get()!.n;
  const user = connection.user;
  const pin = user ? db.select({ pin: users.pinVerifier }).from(users).where(eq(users.id, user.id)).get()?.pin : null;
  return {
    needsSetup: userCount === 0,
    organisation: readSetting<string>(db, 'organisation.name'),
    // Behind a lock the user is known (to offer unlock) but nothing else is shown.
    user,
    locked: connection.locked,
    hasPin: !!pin,
    autoLockMinutes: effectiveSettings(core).autoLockMinutes,
    deployedServerUrl: core.deploy.config.serverUrl ?? null,
  };
}

/**
 * The user as the store has them now, or null if deactivated or removed:
 * a role change or deactivation takes effect on the very next call.
 */
export function currentUser(core: Core, id: string): SessionUser | null {
  const row = core.store.db.select().from(users).where(eq(users.id, id)).get();
  return row && row.active && !row.deletedAt ? toSessionUser(row) : null;
}

/** First run in standalone mode: organisation, first clinic and local admin, in one transaction. */
export async function setup(core: Core, input: SetupInput & { email: string }): Promise<SessionUser> {
  const verifier = await makeVerifier(input.password);
  const userId = uuidv7();
  const clinicId = uuidv7();
  return core.write({ userId }, (tx) => {
    const existing = tx.db.select({ n: count() }).from(users).get()!.n;
    if (existing > 0) throw new CoreError('CONFLICT', 'This installation is already set up.');
    const at = tx.now.toISOString();
    const stamp = { createdAt: at, updatedAt: at, createdBy: userId, updatedBy: userId };
    writeSetting(tx.db, 'organisation.name', input.organisation, at, userId);
    const clinic = tx.db
      .insert(clinics)
      .values({ id: clinicId, ...stamp, name: input.clinic.name, code: input.clinic.code })
      .returning()
      .get();
    tx.record({ action: 'clinics.create', entity: 'clinics', rowId: clinicId, before: null, after: clinic, sync: true });
    const user = tx.db
      .insert(users)
      .values({
        id: userId,
        ...stamp,
        name: input.name,
        email: input.email,
        role: 'admin',
        clinicIds: [clinicId],
        passwordVerifier: verifier,
      })
      .returning()
      .get();
    tx.record({ action: 'users.create', entity: 'users', rowId: userId, before: null, after: user, sync: false });
    for (const type of defaultSessionTypes) insertSessionType(tx, userId, { ...type, active: true });
    return toSessionUser(user);
  });
}

type Secret = 'password' | 'pin';

/**
 * Checks a password (or PIN) against the stored verifier, with a growing delay and a lockout after 10 failures in a row.
 * The attempt is counted in one transaction before the slow check, so simultaneous attempts each take their own
 * place in the count and cannot outrun the lockout; a right secret then clears the count.
 */
async function checkSecret(core: Core, userId: string, secret: string, kind: Secret, action: string): Promise<boolean> {
  const attempt = core.write({ userId }, (tx) => {
    const row = tx.db
      .select({ failures: users.failedSignIns, password: users.passwordVerifier, pin: users.pinVerifier })
      .from(users)
      .where(eq(users.id, userId))
      .get()!;
    if (row.failures >= MAX_FAILED_SIGN_INS) {
      tx.audit({ action: 'account.signInFailed', entity: 'users', rowId: userId, detail: { reason: 'locked' } });
      return null;
    }
    tx.db
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(eq(users.id, userId))
      .run();
    tx.touch('users');
    return { failures: row.failures, verifier: kind === 'pin' ? row.pin : row.password };
  });
  if (!attempt) throw new CoreError('LOCKED', 'account.errors.locked');
  await core.throttle(attempt.failures);
  const ok = attempt.verifier !== null && (await checkVerifier(secret, attempt.verifier));
  core.write({ userId }, (tx) => {
    if (ok) {
      tx.db.update(users).set({ failedSignIns: 0 }).where(eq(users.id, userId)).run();
      tx.touch('users');
    }
    tx.audit({
      action: ok ? action : 'account.signInFailed',
      entity: 'users',
      rowId: userId,
      detail: ok ? undefined : { reason: kind },
    });
  });
  return ok;
}

/** Offline sign-in against the local verifier. */
export async function signIn(core: Core, input: SignInInput & { email: string }): Promise<SessionUser> {
  const row = core.store.db.select().from(users).where(eq(users.email, input.email)).get();
  if (!row || !row.active || !row.passwordVerifier || row.deletedAt) {
    core.audit({ userId: null }, { action: 'account.signInFailed', detail: { reason: 'unknown' } });
    throw new CoreError('UNAUTHENTICATED', 'account.errors.badCredentials');
  }
  if (!(await checkSecret(core, row.id, input.password, 'password', 'account.signIn')))
    throw new CoreError('UNAUTHENTICATED', 'account.errors.badCredentials');
  return toSessionUser(row);
}

/** Locks the screen of one connection; `reason` says why when it was not the user (the OS locked, the computer slept). */
export function lock(core: Core, connection: Connection, reason?: string): void {
  if (!connection.user || connection.locked) return;
  connection.locked = true;
  core.audit(
    { userId: connection.user.id },
    { action: 'account.lock', entity: 'users', rowId: connection.user.id, detail: reason ? { reason } : undefined },
  );
}

/** Unlocks with the password, or the PIN if the user set one. Failures count toward the same lockout. */
export async function unlock(core: Core, connection: Connection, input: { password?: string; pin?: string }): Promise<void> {
  const user = connection.user;
  if (!user) throw new CoreError('UNAUTHENTICATED', 'errors.unauthenticated');
  const [secret, kind]: [string, Secret] = input.pin ? [input.pin, 'pin'] : [input.password ?? '', 'password'];
  if (!(await checkSecret(core, user.id, secret, kind, 'account.unlock')))
    throw new CoreError('UNAUTHENTICATED', 'account.errors.badCredentials');
  connection.locked = false;
}

export async function setPin(core: Core, user: SessionUser, input: { pin: string; password: string }): Promise<void> {
  if (!(await checkSecret(core, user.id, input.password, 'password', 'account.confirmPassword')))
    throw new CoreError('VALIDATION', 'errors.invalid', { password: ['account.errors.badCredentials'] });
  const pinVerifier = await makeVerifier(input.pin);
  core.write({ userId: user.id }, (tx) => {
    tx.db.update(users).set({ pinVerifier }).where(eq(users.id, user.id)).run();
    tx.audit({ action: 'account.setPin', entity: 'users', rowId: user.id });
    tx.touch('users');
  });
}

/**
 * A user changes their own password. The current one is checked like a sign-in (it counts toward the lockout).
 * Other windows where this user is signed in stay signed in: they are on this computer, and the password guards
 * the next sign-in and unlock, which now need the new one.
 */
export async function changePassword(core: Core, user: SessionUser, input: ChangePasswordInput): Promise<void> {
  // With a server, passwords belong to the server: a local change would not be the one it checks.
  const state = core.store.db.select({ serverUrl: syncState.serverUrl }).from(syncState).where(eq(syncState.id, 1)).get();
  if (state?.serverUrl) throw new CoreError('CONFLICT', 'account.errors.passwordOnServer');
  if (!(await checkSecret(core, user.id, input.current, 'password', 'account.confirmPassword')))
    throw new CoreError('VALIDATION', 'errors.invalid', { current: ['account.errors.wrongPassword'] });
  const passwordVerifier = await makeVerifier(input.password);
  core.write({ userId: user.id }, (tx) => {
    tx.db.update(users).set({ passwordVerifier }).where(eq(users.id, user.id)).run();
    tx.audit({ action: 'account.changePassword', entity: 'users', rowId: user.id });
    tx.touch('users');
  });
}

/** Active colleagues in the clinics this user can see. */
export function directory(core: Core, user: SessionUser): UserSummary[] {
  return core.store.db
    .select()
    .from(users)
    .where(and(eq(users.active, true), isNull(users.deletedAt)))
    .orderBy(asc(users.name))
    .all()
    .filter((u) => user.role === 'admin' || u.role === 'admin' || u.clinicIds.some((id) => user.clinicIds.includes(id)))
    .map(({ id, name, role, clinicIds }) => ({ id, name, role, clinicIds }));
}
