import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { deviceCodeOf, type refreshRequest } from '../../common/sync';
import { HttpError } from '../http';
import type { Db } from '../store/open';
import { devices, refreshTokens, revokedFamilies, users } from '../store/schema';
import {
  accessTokenSeconds,
  hashToken,
  newRefreshToken,
  openSuccessor,
  refreshTokenSeconds,
  sealSuccessor,
  signAccessToken,
} from './tokens';

type RefreshRequest = z.output<typeof refreshRequest>;
type RefreshRow = typeof refreshTokens.$inferSelect;

function accessToken(secret: string, userId: string, deviceId: string, now: Date) {
  return {
    access_token: signAccessToken(secret, { sub: userId, dev: deviceId, exp: Math.floor(now.getTime() / 1000) + accessTokenSeconds }),
    expires_in: accessTokenSeconds,
  };
}

function refreshRow(refreshToken: string, familyId: string, userId: string, deviceId: string, now: Date) {
  const expiresAt = new Date(now.getTime() + refreshTokenSeconds * 1000).toISOString();
  return { tokenHash: hashToken(refreshToken), familyId, userId, deviceId, expiresAt };
}

/** A sign-in's first pair: a new family. */
export async function issueTokens(db: Db, secret: string, userId: string, deviceId: string, familyId: string, now: Date) {
  const refreshToken = newRefreshToken();
  await db.insert(refreshTokens).values(refreshRow(refreshToken, familyId, userId, deviceId, now));
  return { ...accessToken(secret, userId, deviceId, now), refresh_token: refreshToken };
}

const refused = () => new HttpError(401, 'UNAUTHENTICATED', 'The refresh token is not valid; sign in again.');

/**
 * POST /v1/auth/refresh. Each token works once and its answer carries the successor (rotation). A used token
 * that comes back is either a device that never got the answer (killed after the server rotated) or a copy:
 * it gets the same successor again while that successor has never been used and this token was not itself
 * a re-sent one; anything else revokes the whole family (docs/sync-api.md).
 */
export async function refresh(db: Db, secret: string, input: RefreshRequest, now: Date, onReuse: () => void) {
  const tokenHash = hashToken(input.refresh_token);
  const [stored] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  if (!stored) throw refused();
  const [revoked] = await db.select().from(revokedFamilies).where(eq(revokedFamilies.familyId, stored.familyId));
  if (revoked || Date.parse(stored.expiresAt) <= now.getTime()) throw refused();
  const deviceId = input.device_id ?? stored.deviceId;
  const successor = newRefreshToken();
  // Marking it used and keeping its sealed successor is one atomic step: of two requests with one token,
  // one rotates and the other finds the successor to answer with.
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(refreshTokens)
      .set({ usedAt: now.toISOString(), successor: sealSuccessor(input.refresh_token, successor) })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
      .returning({ tokenHash: refreshTokens.tokenHash });
    if (rows.length > 0) await tx.insert(refreshTokens).values(refreshRow(successor, stored.familyId, stored.userId, deviceId, now));
    return rows.length > 0;
  });
  const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, stored.userId));
  if (claimed) {
    if (!user?.active) throw refused();
    if (deviceId !== stored.deviceId) await registerMovedDevice(db, stored, deviceId, now);
    return { ...accessToken(secret, stored.userId, deviceId, now), refresh_token: successor, device_code: await deviceCode(db, deviceId) };
  }
  const resent = await resendSuccessor(db, input, deviceId, now);
  if (!resent) {
    // A used token came back after its successor was used (or resent): it was stolen, or its rotation was.
    await db.insert(revokedFamilies).values({ familyId: stored.familyId, revokedAt: now.toISOString() }).onConflictDoNothing();
    onReuse();
    throw refused();
  }
  if (!user?.active) throw refused();
  return { ...accessToken(secret, stored.userId, deviceId, now), refresh_token: resent, device_code: await deviceCode(db, deviceId) };
}

/** The code a device puts in the beneficiary codes it makes (common/sync.ts tokenPair). */
export async function deviceCode(db: Db, deviceId: string): Promise<string | undefined> {
  const [device] = await db.select({ number: devices.number }).from(devices).where(eq(devices.id, deviceId));
  return device && deviceCodeOf(device.number);
}

/**
 * The successor of `input`'s (used) token again, when it has never been used, is for the same device, and
 * `input`'s token was not itself a resent one: then the two holders of a copied token cannot keep taking
 * turns; the second time one of them comes back, the family ends. Null otherwise.
 */
async function resendSuccessor(db: Db, input: RefreshRequest, deviceId: string, now: Date): Promise<string | null> {
  const [used] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(input.refresh_token)));
  if (!used?.successor || used.resentAt) return null;
  const token = openSuccessor(input.refresh_token, used.successor);
  if (!token) return null;
  const [next] = await db
    .update(refreshTokens)
    .set({ resentAt: now.toISOString() })
    .where(and(eq(refreshTokens.tokenHash, hashToken(token)), isNull(refreshTokens.usedAt), eq(refreshTokens.deviceId, deviceId)))
    .returning({ expiresAt: refreshTokens.expiresAt });
  return next && Date.parse(next.expiresAt) > now.getTime() ? token : null;
}

/** A restored device, under its new id: registered as a sign-in would, keeping the name it had. */
async function registerMovedDevice(db: Db, stored: RefreshRow, deviceId: string, now: Date) {
  const at = now.toISOString();
  const [before] = await db.select({ name: devices.name }).from(devices).where(eq(devices.id, stored.deviceId));
  await db
    .insert(devices)
    .values({ id: deviceId, userId: stored.userId, name: before?.name ?? 'Outpost', lastSeenAt: at })
    .onConflictDoUpdate({ target: devices.id, set: { userId: stored.userId, lastSeenAt: at } });
}
