import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { SessionUser } from '../../../common/account';
import type { Clinic, ClinicUpdate } from '../../../common/clinics';
import { clinics } from '../../../db/schema';
import type { Core } from '../core';
import { CoreError } from '../errors';

type ClinicRow = typeof clinics.$inferSelect;

const toClinic = (row: ClinicRow): Clinic => ({ id: row.id, name: row.name, code: row.code, updatedAt: row.updatedAt });

/** Clinic scoping: admins see every clinic, everyone else only their own. */
function inScope(user: SessionUser) {
  const live = isNull(clinics.deletedAt);
  return user.role === 'admin' ? live : and(live, inArray(clinics.id, user.clinicIds));
}

export function list(core: Core, user: SessionUser): Clinic[] {
  return core.store.db.select().from(clinics).where(inScope(user)).orderBy(asc(clinics.name)).all().map(toClinic);
}

export function update(core: Core, user: SessionUser, input: ClinicUpdate & { code: string }): Clinic {
  return core.write({ userId: user.id }, (tx) => {
    const before = tx.db
      .select()
      .from(clinics)
      .where(and(eq(clinics.id, input.id), inScope(user)))
      .get();
    if (!before) throw new CoreError('NOT_FOUND', 'clinics.errors.notFound');
    const taken = tx.db
      .select({ id: clinics.id })
      .from(clinics)
      .where(and(eq(clinics.code, input.code), ne(clinics.id, input.id)))
      .get();
    if (taken) throw new CoreError('VALIDATION', 'errors.invalid', { code: ['clinics.errors.codeTaken'] });
    const after = tx.db
      .update(clinics)
      .set({ name: input.name, code: input.code, updatedAt: tx.now.toISOString(), updatedBy: user.id })
      .where(eq(clinics.id, input.id))
      .returning()
      .get();
    tx.record({ action: 'clinics.update', entity: 'clinics', rowId: after.id, before, after, sync: true });
    return toClinic(after);
  });
}
