import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AccountStatus, SessionUser, SetupInput, SignInInput, UserSummary } from '../../../common/account';
import { clinics, users } from '../../../db/schema';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { readSetting, writeSetting } from '../settings';
import { defaultSessionTypes, insertSessionType } from '../sessions/types';
import { checkVerifier, makeVerifier } from './password';

type UserRow = typeof users.$inferSelect;

export const MAX_FAILED_SIGN_INS = 10;

export function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, clinicIds: row.clinicIds };
}

export function status(core: Core, user: SessionUser | null): AccountStatus {
  const { db } = core.store;
  const users_ = db.select({ n: count() }).from(users).get()!.n;
  return { needsSetup: users_ === 0, organisation: readSetting<string>(db, 'organisation.name'), user };
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

/** Offline sign-in against the local verifier; 10 failures in a row lock the account. */
export async function signIn(core: Core, input: SignInInput & { email: string }): Promise<SessionUser> {
  const { db } = core.store;
  const row = db.select().from(users).where(eq(users.email, input.email)).get();
  const refused = new CoreError('UNAUTHENTICATED', 'account.errors.badCredentials');
  if (!row || !row.active || !row.passwordVerifier || row.deletedAt) {
    core.audit({ userId: null }, { action: 'account.signInFailed', detail: { reason: 'unknown' } });
    throw refused;
  }
  if (row.failedSignIns >= MAX_FAILED_SIGN_INS) {
    core.audit({ userId: row.id }, { action: 'account.signInFailed', detail: { reason: 'locked' } });
    throw new CoreError('LOCKED', 'account.errors.locked');
  }
  const ok = await checkVerifier(input.password, row.passwordVerifier);
  core.write({ userId: row.id }, (tx) => {
    tx.db
      .update(users)
      .set({ failedSignIns: ok ? 0 : row.failedSignIns + 1 })
      .where(eq(users.id, row.id))
      .run();
    tx.audit({ action: ok ? 'account.signIn' : 'account.signInFailed', entity: 'users', rowId: row.id });
  });
  if (!ok) throw refused;
  return toSessionUser(row);
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
