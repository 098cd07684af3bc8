import os from 'node:os';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import { email } from '../../../common/account';
import { can } from '../../../common/permissions';
import type { ServerUser } from '../../../common/sync';
import { syncState, users } from '../../../db/schema';
import { makeVerifier } from '../account/password';
import { signIn, toSessionUser } from '../account/service';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { endpoints, request, SyncHttpError } from './http';
import { syncEngine } from './engine';
import { joinClinics, joinSessionTypes, planClinicMap, repointUser, type ClinicMap } from './join';
import { pendingCount } from './outbox';
import { storeTokens } from './tokens';

export const connectInput = z.object({
  serverUrl: z
    .string()
    .trim()
    .max(500)
    .pipe(z.url({ protocol: /^https?$/, error: 'sync.errors.serverUrl' })),
  email,
  password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
  /** Connecting later: the server clinic (id) each of this installation's own clinics (id) becomes, where the admin chose. */
  clinicMap: z
    .record(z.string().max(64), z.string().max(64))
    .refine((map) => Object.keys(map).length <= 200)
    .optional(),
});
export type ConnectInput = z.output<typeof connectInput>;

function serverRefusal(error: unknown): CoreError {
  if (error instanceof SyncHttpError) {
    if (error.status === 401 || error.status === 403) return new CoreError('UNAUTHENTICATED', 'account.errors.badCredentials');
    if (error.status === 429) return new CoreError('LOCKED', 'sync.errors.tooManyAttempts');
    return new CoreError('VALIDATION', 'errors.invalid', { serverUrl: ['sync.errors.unreachable'] });
  }
  throw error;
}

/** POST /auth/login as `deviceId`; the server's refusals as CoreErrors. Stores nothing. */
export async function loginToServer(serverUrl: string, input: { email: string; password: string }, deviceId: string) {
  try {
    const endpoint = endpoints.login({
      email: input.email,
      password: input.password,
      device_id: deviceId,
      device_name: os.hostname() || 'Outpost',
    });
    return await request(serverUrl, endpoint.method, endpoint.path, endpoint.schema, {
      body: endpoint.body,
      now: Date.now,
      timeoutMs: 20_000,
    });
  } catch (error) {
    throw serverRefusal(error);
  }
}
export type ServerLogin = Awaited<ReturnType<typeof loginToServer>>;

/**
 * Signs in to the server with this device's id, keeps the tokens in the secret store, and makes (or updates)
 * the local user with a local scrypt verifier, so that the next sign-in works offline.
 */
export async function signInToServer(core: Core, serverUrl: string, input: { email: string; password: string }): Promise<SessionUser> {
  return acceptSignIn(core, serverUrl, await loginToServer(serverUrl, input, core.deviceId), input.password);
}

/**
 * Keeps what a sign-in to the server gave this device (tokens, the server's address, the local user), and, when
 * a standalone installation joins, re-points its own clinics and session types to the server's in the same transaction.
 */
export async function acceptSignIn(
  core: Core,
  serverUrl: string,
  answer: ServerLogin,
  password: string,
  join?: ClinicMap,
): Promise<SessionUser> {
  const { data } = answer;
  await storeTokens(core, data, core.deviceId);
  const verifier = await makeVerifier(password);
  return core.write({ userId: data.user.id }, (tx) => {
    const offset = Math.round(Date.parse(data.server_time) - (answer.timing.sentAt + answer.timing.receivedAt) / 2);
    tx.db.update(syncState).set({ serverUrl, clockOffsetMs: offset }).where(eq(syncState.id, 1)).run();
    if (join) {
      joinClinics(core.store.sqlite, tx, join);
      joinSessionTypes(core.store.sqlite, tx, data.session_types ?? []);
    }
    const row = upsertServerUser(core, data.user, verifier, tx.now.toISOString());
    tx.audit({ action: 'sync.signIn', entity: 'users', rowId: row.id, detail: { server: new URL(serverUrl).host } });
    tx.touch('users');
    return toSessionUser(row);
  });
}

/** The server's user as a local account. A standalone account with the same email takes the server's identity. */
function upsertServerUser(core: Core, user: ServerUser, verifier: string, at: string) {
  const { db } = core.store;
  const profile = { name: user.name, email: user.email, role: user.role, clinicIds: user.clinic_ids, active: true, updatedAt: at };
  const sameEmail = db.select({ id: users.id }).from(users).where(eq(users.email, user.email)).get();
  if (sameEmail && sameEmail.id !== user.id) {
    db.update(users).set({ id: user.id }).where(eq(users.id, sameEmail.id)).run();
    repointUser(core.store.sqlite, sameEmail.id, user.id);
  }
  return db
    .insert(users)
    .values({ id: user.id, createdAt: at, ...profile, passwordVerifier: verifier, failedSignIns: 0 })
    .onConflictDoUpdate({ target: users.id, set: { ...profile, passwordVerifier: verifier, failedSignIns: 0, deletedAt: null } })
    .returning()
    .get();
}

export function serverUrlOf(core: Core): string | null {
  return core.store.db.select({ url: syncState.serverUrl }).from(syncState).where(eq(syncState.id, 1)).get()?.url ?? null;
}

/** The deploy config's server, when IT set one, is the only server this machine joins. */
function deployedOr(core: Core, serverUrl: string): string {
  return core.deploy.config.serverUrl ?? serverUrl;
}

/** First run, connected: only on an installation with no account yet; the initial sync starts at once. */
export async function connectAtSetup(core: Core, input: ConnectInput): Promise<SessionUser> {
  const empty = core.store.db.select({ id: users.id }).from(users).limit(1).get() === undefined;
  if (!empty) throw new CoreError('CONFLICT', 'This installation is already set up.');
  const user = await signInToServer(core, deployedOr(core, input.serverUrl), input);
  void syncEngine(core).run();
  return user;
}

/**
 * A standalone installation joins a server (an admin's decision): its own clinics become the server's (join.ts),
 * and its local rows are pushed with the next sync.
 */
export async function connectLater(core: Core, input: ConnectInput): Promise<SessionUser> {
  if (serverUrlOf(core)) throw new CoreError('CONFLICT', 'sync.errors.alreadyConnected');
  const serverUrl = deployedOr(core, input.serverUrl);
  const answer = await loginToServer(serverUrl, input, core.deviceId);
  const clinics = planClinicMap(core, answer.data.clinics ?? [], input.clinicMap);
  const user = await acceptSignIn(core, serverUrl, answer, input.password, clinics);
  void syncEngine(core).run();
  return user;
}

/**
 * Sign-in: the local verifier first (offline works after one online sign-in). Someone who never signed in on
 * this computer, on a connected installation, is checked by the server and gets a local verifier for next time.
 */
export async function signInLocalOrServer(core: Core, input: { email: string; password: string }): Promise<SessionUser> {
  // Colleagues arrive by sync without a verifier: their first sign-in here goes to the server.
  const known = core.store.db.select({ verifier: users.passwordVerifier }).from(users).where(eq(users.email, input.email)).get();
  const serverUrl = serverUrlOf(core);
  if (known?.verifier || !serverUrl) return signIn(core, input);
  const user = await signInToServer(core, serverUrl, input);
  void syncEngine(core).run();
  return user;
}

/** Signing out never leaves changes behind unnoticed: refused while some wait to be sent, unless an admin confirms. */
export function guardSignOut(core: Core, user: SessionUser, confirmUnsynced: boolean): void {
  if (!serverUrlOf(core)) return;
  const pending = pendingCount(core.store.sqlite);
  if (pending === 0) return;
  if (!confirmUnsynced) throw new CoreError('CONFLICT', 'sync.errors.unsyncedSignOut', undefined, { pending });
  if (!can(user.role, 'sync.manage')) throw new CoreError('FORBIDDEN', 'sync.errors.unsyncedSignOutAdmin', undefined, { pending });
  core.audit({ userId: user.id }, { action: 'sync.signOutUnsynced', entity: 'users', rowId: user.id, detail: { pending } });
}
