import { eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { formatHlc } from '../common/hlc';
import type { Role } from '../common/permissions';
import { hashPassword } from './auth/passwords';
import type { Db, Tx } from './store/open';
import { clinics, rows, serverSettings, users } from './store/schema';
import { lockWriters, nextVersion } from './sync/versions';

/**
 * What an installer does from the CLI (server/cli.ts): clinics, users,
 * passwords, session types. Each also writes the synced row devices pull.
 */

export class AdminError extends Error {}

export interface ClinicInfo {
  id: string;
  code: string;
  name: string;
}

export async function createClinic(db: Db, input: { name: string; code: string }, now = new Date()): Promise<ClinicInfo> {
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,10}$/.test(code)) throw new AdminError('A clinic code is 2 to 10 letters or digits.');
  if (!input.name.trim()) throw new AdminError('A clinic needs a name.');
  return db.transaction(async (tx) => {
    const [taken] = await tx.select().from(clinics).where(eq(clinics.code, code));
    if (taken) throw new AdminError(`A clinic with code ${code} exists already.`);
    const clinic = { id: uuidv7(), code, name: input.name.trim() };
    await tx.insert(clinics).values({ ...clinic, createdAt: now.toISOString() });
    await writeServerRow(tx, 'clinics', clinic.id, [clinic.id], { ...clinic, ...stamps(now) }, now);
    return clinic;
  });
}

export interface UserInfo {
  id: string;
  email: string;
  name: string;
  role: Role;
  clinicIds: string[];
}

/** `clinics` are clinic codes or ids. */
export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; clinics: string[]; password: string; passwordCost?: number },
  now = new Date(),
): Promise<UserInfo> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new AdminError('That is not an email address.');
  if (!['admin', 'manager', 'staff'].includes(input.role)) throw new AdminError('The role is admin, manager or staff.');
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password, input.passwordCost);
  return db.transaction(async (tx) => {
    const clinicIds = await resolveClinics(tx, input.clinics);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (taken) throw new AdminError('A user with that email exists already.');
    const user: UserInfo = { id: uuidv7(), email, name: input.name.trim(), role: input.role, clinicIds };
    const at = now.toISOString();
    await tx.insert(users).values({ ...user, passwordHash, createdAt: at, updatedAt: at });
    await writeServerRow(tx, 'users', user.id, clinicIds, publicProfile(user, true, now), now);
    return user;
  });
}

/** Changes a user's name, role, clinics or whether they may sign in; devices receive the new profile. */
export async function updateUser(
  db: Db,
  input: { email: string; name?: string; role?: Role; clinics?: string[]; active?: boolean },
  now = new Date(),
): Promise<UserInfo & { active: boolean }> {
  if (input.role !== undefined && !['admin', 'manager', 'staff'].includes(input.role))
    throw new AdminError('The role is admin, manager or staff.');
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()));
    if (!found) throw new AdminError('No user has that email.');
    const clinicIds = input.clinics ? await resolveClinics(tx, input.clinics) : found.clinicIds;
    const user = { id: found.id, email: found.email, name: input.name?.trim() || found.name, role: input.role ?? found.role, clinicIds };
    const active = input.active ?? found.active;
    await tx
      .update(users)
      .set({ name: user.name, role: user.role, clinicIds, active, updatedAt: now.toISOString() })
      .where(eq(users.id, found.id));
    const [row] = await tx
      .select({ data: rows.data })
      .from(rows)
      .where(sql`${rows.entity} = 'users' and ${rows.rowId} = ${found.id}`);
    const profile = { ...publicProfile(user, active, now), createdAt: row?.data.createdAt ?? found.createdAt };
    await writeServerRow(tx, 'users', user.id, clinicIds, profile, now);
    return { ...user, active };
  });
}

export async function resetPassword(db: Db, input: { email: string; password: string }): Promise<void> {
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const done = await db
    .update(users)
    .set({ passwordHash, updatedAt: new Date().toISOString() })
    .where(eq(users.email, input.email.trim().toLowerCase()))
    .returning({ id: users.id });
  if (done.length === 0) throw new AdminError('No user has that email.');
}

export async function createSessionType(
  db: Db,
  input: { name: string; color: string; defaultDurationMinutes: number; isGroup: boolean },
  now = new Date(),
): Promise<{ id: string }> {
  const id = uuidv7();
  await db.transaction((tx) => writeServerRow(tx, 'session_types', id, [], { id, ...input, active: true, ...stamps(now) }, now));
  return { id };
}

function checkPassword(password: string): void {
  if (password.length < 10) throw new AdminError('A password has at least 10 characters.');
}

async function resolveClinics(tx: Tx, refs: string[]): Promise<string[]> {
  if (refs.length === 0) throw new AdminError('A user belongs to at least one clinic.');
  const ids: string[] = [];
  for (const ref of refs) {
    const [found] = await tx
      .select({ id: clinics.id })
      .from(clinics)
      .where(sql`${clinics.id} = ${ref} or ${clinics.code} = ${ref.toUpperCase()}`);
    if (!found) throw new AdminError(`No clinic ${ref}.`);
    ids.push(found.id);
  }
  return [...new Set(ids)];
}

function stamps(now: Date) {
  const at = now.toISOString();
  return { createdAt: at, updatedAt: at, createdBy: null, updatedBy: null, deletedAt: null };
}

/** What devices receive of a user: no password, nothing else private. */
function publicProfile(user: UserInfo, active: boolean, now: Date) {
  return { id: user.id, name: user.name, email: user.email, role: user.role, clinicIds: user.clinicIds, active, ...stamps(now) };
}

/** Rows the server itself writes are stamped with a server HLC, like any edit. */
async function writeServerRow(tx: Tx, entity: string, rowId: string, clinicIds: string[], data: Record<string, unknown>, now: Date) {
  await lockWriters(tx);
  const version = await nextVersion(tx);
  const hlc = formatHlc({ wallMs: now.getTime(), counter: 0, deviceId: 'server' });
  const fieldMeta = Object.fromEntries(Object.keys(data).map((k) => [k, { hlc, version, by: null }]));
  await tx
    .insert(rows)
    .values({ entity, rowId, clinicIds, version, deleted: false, data, fieldMeta })
    .onConflictDoUpdate({ target: [rows.entity, rows.rowId], set: { clinicIds, version, data, fieldMeta } });
}

/** A server-wide value, made once and then read by every replica. */
export async function serverSetting(db: Db, key: string, make: () => string): Promise<string> {
  await db.insert(serverSettings).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await db.select().from(serverSettings).where(eq(serverSettings.key, key));
  return row!.value;
}

export const newSecret = () => randomBytes(32).toString('base64url');
