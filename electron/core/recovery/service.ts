import fs from 'node:fs';
import path from 'node:path';
import type { SignInInput } from '../../../common/account';
import type { BackupContents } from '../../../common/backups';
import type { RecoveryStatus, StoreMode } from '../../../common/recovery';
import { openEncrypted } from '../../../db/open';
import { checkVerifier } from '../account/password';
import * as backups from '../backups/service';
import { CoreError } from '../errors';
import { redownloadOffer, type ServerPlace } from './redownload';

/** Where a store lives and how to read its backups; a Core has all of it, and so has the recovery host without one. */
export interface StorePlace {
  dataDir: string;
  databaseFile: string;
  migrationsFolder: string;
  /** Null when the key could not be read: then no backup can be checked. */
  key: string | null;
}

export function recoveryStatus(place: ServerPlace, mode: StoreMode, problems: string[]): RecoveryStatus {
  const newestBackup = mode === 'notWritable' ? null : (backups.list(place)[0] ?? null);
  return {
    mode,
    dataDir: place.dataDir,
    problems,
    newestBackup,
    canRestore: mode === 'damaged' && !!place.key && !!newestBackup,
    redownload: mode === 'damaged' ? redownloadOffer(place) : null,
  };
}

/** Where a damaged store is set aside for support (never deleted) when something replaces it. */
export function damagedCopy(place: StorePlace, at: Date): string {
  return `${place.databaseFile}.damaged-${at.toISOString().replace(/[:.]/g, '-')}`;
}

/** The newest backup that passes the restore checks (our key, integrity_check, a schema this version can use). */
function newestGood(place: StorePlace & { key: string }): { file: string; contents: BackupContents } | null {
  for (const backup of backups.list(place)) {
    const file = path.join(backups.backupDir(place), backup.name);
    try {
      return { file, contents: backups.inspectFile(place, file, backup.name) };
    } catch {
      // Damaged, from another organisation, or from a newer version: try the one before.
    }
  }
  return null;
}

/**
 * Nobody can sign in to a damaged store, so the restore asks for an administrator of the backup itself:
 * its own users table, its own password verifiers.
 */
async function checkAdminOf(key: string, file: string, credentials: SignInInput): Promise<void> {
  const sqlite = openEncrypted(file, key, { readonly: true });
  let row: { verifier: string | null } | undefined;
  try {
    row = sqlite
      .prepare(`select password_verifier as verifier from users where email = ? and role = 'admin' and active = 1 and deleted_at is null`)
      .get(credentials.email) as typeof row;
  } finally {
    sqlite.close();
  }
  if (!row?.verifier || !(await checkVerifier(credentials.password, row.verifier))) {
    throw new CoreError('UNAUTHENTICATED', 'recovery.errors.notAdmin');
  }
}

/**
 * Restores the newest good backup in place of a damaged store. The damaged file is copied aside
 * (outpost.db.damaged-<time>) for support, never deleted. `replace` runs the swap with the store closed.
 */
export async function restoreNewest(
  place: StorePlace,
  credentials: SignInInput,
  at: Date,
  replace: (swap: () => void) => void,
): Promise<BackupContents> {
  const { key } = place;
  if (!key) throw new CoreError('CONFLICT', 'recovery.errors.noKey');
  const good = newestGood({ ...place, key });
  if (!good) throw new CoreError('NOT_FOUND', 'recovery.errors.noGoodBackup');
  await checkAdminOf(key, good.file, credentials);
  const incoming = backups.prepareIncoming(key, good.file, place.databaseFile);
  replace(() => backups.swapIn(incoming, place.databaseFile, damagedCopy(place, at)));
  return good.contents;
}

/** Can this folder be written? A probe file, created and removed; the system's error code when not. */
export function probeWritable(dataDir: string): string | null {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const probe = path.join(dataDir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  }
}
