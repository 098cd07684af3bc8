import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Access tokens live 15 minutes (SYNC.md). */
export const accessTokenSeconds = 15 * 60;
/** A refresh token unused for this long expires; each use rotates it. */
export const refreshTokenSeconds = 30 * 24 * 60 * 60;

export interface AccessClaims {
  /** user id */
  sub: string;
  /** device id the token was issued to */
  dev: string;
  /** expiry, epoch seconds */
  exp: number;
}

/** `base64url(claims).base64url(hmac-sha256)`: stateless, so any replica can check it. */
export function signAccessToken(secret: string, claims: AccessClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

export function verifyAccessToken(secret: string, token: string, nowMs: number): AccessClaims | null {
  const [body, signature] = token.split('.');
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as AccessClaims;
    if (typeof claims.sub !== 'string' || typeof claims.dev !== 'string' || typeof claims.exp !== 'number') return null;
    return claims.exp * 1000 > nowMs ? claims : null;
  } catch {
    return null;
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// The successor of a used refresh token is kept sealed under a key only the used token's holder can make
// (the database has the token's sha256, not the token), so a device that lost the answer can be given the
// same successor again, and a database leak still hands out no session.
function successorKey(previous: string): Buffer {
  return createHmac('sha256', previous).update('outpost refresh successor').digest();
}

/** `successor` encrypted (AES-256-GCM) under a key derived from `previous`. */
export function sealSuccessor(previous: string, successor: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', successorKey(previous), iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The successor `sealSuccessor(previous, …)` sealed, or null when it does not open with `previous`. */
export function openSuccessor(previous: string, sealed: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', successorKey(previous), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
