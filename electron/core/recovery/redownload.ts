import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { SignInInput } from '../../../common/account';
import { can } from '../../../common/permissions';
import type { Redownload, RedownloadResult } from '../../../common/recovery';
import { pullEntities, pushEntities } from '../../../common/sync';
import { openEncrypted, openStore, type Sqlite } from '../../../db/open';
import { swapIn } from '../backups/service';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { acceptSignIn, loginToServer } from '../sync/connect';
import { syncEngine } from '../sync/engine';
import type { StorePlace } from './service';

/** The other way out of a damaged store on a connected computer: everything again from the server. */
export interface ServerPlace extends StorePlace {
  /** The deploy config's server, when IT set one: the only server this machine joins. */
  deploy?: { config: { serverUrl?: string } };
}

/** Changes to records, pending or refused: the ones a user made and would miss (the audit trail aside). */
const records = pushEntities.filter((entity) => (pullEntities as readonly string[]).includes(entity));

/**
 * Whether a damaged store can be downloaded again: it syncs with a server (as far as it can still be read, or the
 * deploy config names one), and how many of its changes never reached the server (null when unreadable).
 */
export function redownloadOffer(place: ServerPlace): Redownload | null {
  if (!place.key) return null;
  const read = readDamaged(place.databaseFile, place.key);
  const serverUrl = place.deploy?.config.serverUrl ?? read.serverUrl;
  return serverUrl ? { serverUrl, unsynced: read.unsynced } : null;
}

/** Each part on its own: a damaged page loses only what it held, and a file that no longer opens, all of it. */
function readDamaged(file: string, key: string): { serverUrl: string | null; unsynced: number | null } {
  let sqlite: Sqlite;
  try {
    sqlite = openEncrypted(file, key, { readonly: true });
  } catch {
    return { serverUrl: null, unsynced: null };
  }
  const attempt = <T>(query: () => T): T | null => {
    try {
      return query();
    } catch {
      return null;
    }
  };
  try {
    const entities = records.map(() => '?').join(', ');
    return {
      serverUrl: attempt(() => sqlite.prepare('select server_url from sync_state where id = 1').pluck().get() as string | null),
      unsynced: attempt(
        () =>
          sqlite
            .prepare(`select count(*) from outbox where entity in (${entities})`)
            .pluck()
            .get(...records) as number,
      ),
    };
  } finally {
    sqlite.close();
  }
}

/** An empty store of the current schema that belongs to `deviceId` and syncs with `serverUrl`, next to the live file. */
function freshStore(place: StorePlace & { key: string }, deviceId: string, serverUrl: string): string {
  const fresh = `${place.databaseFile}.fresh`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${fresh}${suffix}`, { force: true });
  const store = openStore(fresh, place.key, place.migrationsFolder);
  store.sqlite.prepare('insert into sync_state (id, device_id, server_url) values (1, ?, ?)').run(deviceId, serverUrl);
  // One file, no WAL beside it: the swap moves the main file only.
  store.sqlite.pragma('journal_mode = DELETE');
  store.sqlite.close();
  const handle = fs.openSync(fresh, 'r+');
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  return fresh;
}

/**
 * Sets the damaged store aside (outpost.db.damaged-<time>, never deleted), puts an empty one in its place as a
 * new device of the same server, and starts a sync that brings everything down again. An administrator on the
 * server allows it with their server sign-in, checked before anything changes; they are then signed in here
 * too. `replace` runs the swap with the store closed; `opened` is the core on the new store.
 */
export async function redownload(
  place: ServerPlace,
  credentials: SignInInput,
  keepAs: string,
  replace: (swap: () => void) => void,
  opened: () => Core | Promise<Core>,
): Promise<RedownloadResult> {
  const { key } = place;
  if (!key) throw new CoreError('CONFLICT', 'recovery.errors.noKey');
  const offer = redownloadOffer(place);
  if (!offer) throw new CoreError('CONFLICT', 'recovery.errors.notConnected');
  const deviceId = uuidv7();
  const login = await loginToServer(offer.serverUrl, credentials, deviceId);
  if (!can(login.data.user.role, 'backups.manage')) throw new CoreError('FORBIDDEN', 'recovery.errors.notServerAdmin');
  const fresh = freshStore({ ...place, key }, deviceId, offer.serverUrl);
  replace(() => swapIn(fresh, place.databaseFile, keepAs));
  const core = await opened();
  const user = await acceptSignIn(core, offer.serverUrl, login, credentials.password);
  const result = { keptAs: path.basename(keepAs), unsynced: offer.unsynced };
  core.audit({ userId: user.id }, { action: 'backups.redownload', detail: result });
  void syncEngine(core).run();
  return result;
}
