import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { passwordReset, UserRecord, userCreate, userUpdate } from '../../../common/users';
import { clinics, syncState, users } from '../../../db/schema';
import { makeVerifier } from '../account/password';
import { MAX_FAILED_SIGN_INS } from '../account/service';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';

type Row = typeof users.$inferSelect;

const toRecord = (row: Row): UserRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  clinicIds: row.clinicIds,
  active: row.active,
  lockedOut: row.failedSignIns >= MAX_FAILED_SIGN_INS,
  updatedAt: row.updatedAt,
});

/** With a server, users belong to the server: a local change would be overwritten, so it is refused. */
function refuseWhenManagedByServer(tx: Pick<WriteTx, 'db'>) {
  const state = tx.db.select({ serverUrl: syncState.serverUrl }).from(syncState).where(eq(syncState.id, 1)).get();
  if (state?.serverUrl) throw new CoreError('CONFLICT', 'users.errors.managedByServer');
}

function checkClinics(tx: Pick<WriteTx, 'db'>, clinicIds: string[]) {
  const known = new Set(
    tx.db
      .select({ id: clinics.id })
      .from(clinics)
      .where(isNull(clinics.deletedAt))
      .all()
      .map((c) => c.id),
  );
  if (clinicIds.some((id) => !known.has(id)))
    throw new CoreError('VALIDATION', 'errors.invalid', { clinicIds: ['clinics.errors.notFound'] });
}

export function list(core: Core): UserRecord[] {
  return core.store.db.select().from(users).where(isNull(users.deletedAt)).orderBy(asc(users.name)).all().map(toRecord);
}

export async function create(core: Core, admin: SessionUser, input: z.output<typeof userCreate>): Promise<UserRecord> {
  const verifier = await makeVerifier(input.password);
  return core.write({ userId: admin.id }, (tx) => {
    refuseWhenManagedByServer(tx);
    checkClinics(tx, input.clinicIds);
    if (tx.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get())
      throw new CoreError('VALIDATION', 'errors.invalid', { email: ['users.errors.emailTaken'] });
    const at = tx.now.toISOString();
    const { password: _p, ...fields } = input;
    const row = tx.db
      .insert(users)
      .values({
        id: uuidv7(),
        ...fields,
        passwordVerifier: verifier,
        createdAt: at,
        updatedAt: at,
        createdBy: admin.id,
        updatedBy: admin.id,
      })
      .returning()
      .get();
    tx.record({ action: 'users.create', entity: 'users', rowId: row.id, before: null, after: row, sync: false });
    return toRecord(row);
  });
}

/** Name, role, clinics and active flag. The last active admin cannot demote or deactivate themselves away. */
export function update(core: Core, admin: SessionUser, input: z.output<typeof userUpdate>): UserRecord {
  return core.write({ userId: admin.id }, (tx) => {
    refuseWhenManagedByServer(tx);
    checkClinics(tx, input.clinicIds);
    const before = tx.db
      .select()
      .from(users)
      .where(and(eq(users.id, input.id), isNull(users.deletedAt)))
      .get();
    if (!before) throw new CoreError('NOT_FOUND', 'users.errors.notFound');
    const losesAdmin = before.role === 'admin' && before.active && (input.role !== 'admin' || !input.active);
    if (losesAdmin) {
      const otherAdmins = tx.db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true), isNull(users.deletedAt), ne(users.id, input.id)))
        .get()!.n;
      if (otherAdmins === 0) throw new CoreError('CONFLICT', 'users.errors.lastAdmin');
    }
    const { id, ...fields } = input;
    const after = tx.db
      .update(users)
      .set({ ...fields, updatedAt: tx.now.toISOString(), updatedBy: admin.id })
      .where(eq(users.id, id))
      .returning()
      .get();
    const action =
      before.role !== after.role
        ? 'users.changeRole'
        : before.active !== after.active
          ? after.active
            ? 'users.activate'
            : 'users.deactivate'
          : 'users.update';
    tx.record({ action, entity: 'users', rowId: id, before, after, sync: false });
    return toRecord(after);
  });
}

/** A new password, and the lockout lifted. */
export async function resetPassword(core: Core, admin: SessionUser, input: z.output<typeof passwordReset>): Promise<UserRecord> {
  const verifier = await makeVerifier(input.password);
  return core.write({ userId: admin.id }, (tx) => {
    refuseWhenManagedByServer(tx);
    const before = tx.db
      .select()
      .from(users)
      .where(and(eq(users.id, input.id), isNull(users.deletedAt)))
      .get();
    if (!before) throw new CoreError('NOT_FOUND', 'users.errors.notFound');
    const after = tx.db
      .update(users)
      .set({ passwordVerifier: verifier, failedSignIns: 0, lockedUntil: null, updatedAt: tx.now.toISOString(), updatedBy: admin.id })
      .where(eq(users.id, input.id))
      .returning()
      .get();
    tx.record({ action: 'users.resetPassword', entity: 'users', rowId: input.id, before, after, sync: false });
    return toRecord(after);
  });
}
