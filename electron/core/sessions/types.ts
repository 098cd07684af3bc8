import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { SessionType, sessionTypeInput, sessionTypeUpdate } from '../../../common/sessions';
import { sessionTypes } from '../../../db/schema';
import type { Core, WriteTx } from '../core';
import { CoreError } from '../errors';

type Row = typeof sessionTypes.$inferSelect;
const toType = ({ id, name, color, defaultDurationMinutes, isGroup, active }: Row): SessionType => ({
  id,
  name,
  color,
  defaultDurationMinutes,
  isGroup,
  active,
});

/** What a fresh install offers; admins rename, recolour or retire them. */
export const defaultSessionTypes = [
  { name: 'Home visit', color: '#2f9e44', defaultDurationMinutes: 45, isGroup: false },
  { name: 'Counselling', color: '#1c7ed6', defaultDurationMinutes: 60, isGroup: false },
  { name: 'Consultation', color: '#e8590c', defaultDurationMinutes: 30, isGroup: false },
  { name: 'Group session', color: '#9c36b5', defaultDurationMinutes: 90, isGroup: true },
];

export function insertSessionType(tx: WriteTx, userId: string, input: z.output<typeof sessionTypeInput>): Row {
  const at = tx.now.toISOString();
  const row = tx.db
    .insert(sessionTypes)
    .values({ id: uuidv7(), ...input, createdAt: at, updatedAt: at, createdBy: userId, updatedBy: userId })
    .returning()
    .get();
  tx.record({ action: 'sessionTypes.create', entity: 'session_types', rowId: row.id, before: null, after: row, sync: true });
  return row;
}

export function list(core: Core): SessionType[] {
  return core.store.db.select().from(sessionTypes).orderBy(asc(sessionTypes.name)).all().map(toType);
}

export function create(core: Core, user: SessionUser, input: z.output<typeof sessionTypeInput>): SessionType {
  return core.write({ userId: user.id }, (tx) => toType(insertSessionType(tx, user.id, input)));
}

export function update(core: Core, user: SessionUser, input: z.output<typeof sessionTypeUpdate>): SessionType {
  const { id, ...fields } = input;
  return core.write({ userId: user.id }, (tx) => {
    const before = tx.db.select().from(sessionTypes).where(eq(sessionTypes.id, id)).get();
    if (!before) throw new CoreError('NOT_FOUND', 'sessions.errors.typeNotFound');
    const after = tx.db
      .update(sessionTypes)
      .set({ ...fields, updatedAt: tx.now.toISOString(), updatedBy: user.id })
      .where(eq(sessionTypes.id, id))
      .returning()
      .get();
    tx.record({ action: 'sessionTypes.update', entity: 'session_types', rowId: id, before, after, sync: true });
    return toType(after);
  });
}
