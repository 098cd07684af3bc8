import { createHash } from 'node:crypto';

/**
 * The pull cursor: base64url of JSON {v, e, c}. `v` is the last version
 * delivered, `e` the server's epoch (new when its database is created, so a
 * cursor from a restored or replaced database is refused) and `c` a hash of
 * the caller's clinics (a user added to a clinic must pull that clinic's
 * older rows too). Clients treat it as opaque.
 */
export interface Cursor {
  v: number;
  e: string;
  c: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** null when the text is not a cursor this server could have issued. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString()) as Partial<Cursor>;
    if (!Number.isSafeInteger(value.v) || value.v! < 0 || typeof value.e !== 'string' || typeof value.c !== 'string') return null;
    return { v: value.v!, e: value.e, c: value.c };
  } catch {
    return null;
  }
}

export function clinicsHash(clinicIds: string[]): string {
  return createHash('sha256')
    .update([...clinicIds].sort().join('\n'))
    .digest('base64url')
    .slice(0, 16);
}
