import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { v7 as uuidv7 } from 'uuid';
import { type BackupContents, type BackupInfo, type BackupKind, backupKinds } from '../../../common/backups';
import { backupTo, openEncrypted, type Sqlite, StoreKeyError } from '../../../db/open';
import type { Actor } from '../changes';
import type { Core } from '../core';
import { CoreError } from '../errors';

export const backupDir = (core: Pick<Core, 'dataDir'>) => path.join(core.dataDir, 'backups');

const pattern = /^outpost-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z-]+)\.db$/;

function infoOf(dir: string, name: string): BackupInfo | null {
  const match = pattern.exec(name);
  if (!match || !(backupKinds as readonly string[]).includes(match[2]!)) return null;
  const [date, time] = match[1]!.split('T');
  const at = `${date}T${time!.replace(/^(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z')}`;
  return { name, kind: match[2] as BackupKind, at, bytes: fs.statSync(path.join(dir, name)).size };
}

export function list(core: Pick<Core, 'dataDir'>): BackupInfo[] {
  const dir = backupDir(core);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => infoOf(dir, name))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** An encrypted copy of the database (VACUUM INTO: consistent, and works on an encrypted store). */
export function backupNow(core: Core, actor: Actor, kind: BackupKind): BackupInfo {
  // A copy of a damaged store would only push good backups out of the rotation.
  if (core.damaged) throw new CoreError('STORE_DAMAGED', 'recovery.errors.readOnly');
  const dir = backupDir(core);
  const stamp = core.now().toISOString().replace(/[:.]/g, '-');
  const name = `outpost-${stamp}-${kind}.db`;
  const target = path.join(dir, name);
  const partial = `${target}.partial`;
  backupTo(core.store.sqlite, partial);
  // Only a complete copy ever carries a backup's name.
  fs.renameSync(partial, target);
  core.audit(actor, { action: 'backups.create', detail: { name, kind } });
  return infoOf(dir, name)!;
}

/**
 * Keeps the newest daily backup of each of the last `daily` days and of each
 * of the last `weekly` weeks before them, and the ten newest of every other kind.
 */
export function rotate(core: Core, keep = { daily: 7, weekly: 4 }): string[] {
  const all = list(core);
  const kept = new Set<string>();
  const dailies = all.filter((b) => b.kind === 'daily');
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of dailies) {
    const day = backup.at.slice(0, 10);
    const week = String(Math.floor(Date.parse(day) / (7 * 86_400_000)));
    if (days.size < keep.daily && !days.has(day)) {
      days.add(day);
      kept.add(backup.name);
    } else if (!days.has(day) && weeks.size < keep.weekly && !weeks.has(week)) {
      weeks.add(week);
      kept.add(backup.name);
    }
  }
  for (const kind of backupKinds.filter((k) => k !== 'daily'))
    for (const b of all.filter((x) => x.kind === kind).slice(0, 10)) kept.add(b.name);
  const removed = all.filter((b) => !kept.has(b.name)).map((b) => b.name);
  for (const name of removed) fs.rmSync(path.join(backupDir(core), name));
  return removed;
}

function fileOf(core: Core, name: string): string {
  const file = path.join(backupDir(core), name);
  if (!infoOf(backupDir(core), name) || !fs.existsSync(file)) throw new CoreError('NOT_FOUND', 'backups.errors.notFound');
  return file;
}

/** Opens a backup read-only and checks it: our key, intact, and a schema this version can use. */
export function inspectFile(core: Pick<Core, 'key' | 'migrationsFolder'>, file: string, name: string): BackupContents {
  let sqlite: Sqlite;
  try {
    sqlite = openEncrypted(file, core.key, { readonly: true });
  } catch (error) {
    if (error instanceof StoreKeyError) throw new CoreError('VALIDATION', 'backups.errors.wrongKey');
    throw new CoreError('VALIDATION', 'backups.errors.unreadable');
  }
  try {
    const integrity = sqlite.prepare('pragma integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new CoreError('VALIDATION', 'backups.errors.damaged');
    const known = readMigrationFiles({ migrationsFolder: core.migrationsFolder }).length;
    const schemaVersion = sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number;
    if (schemaVersion > known) throw new CoreError('VALIDATION', 'backups.errors.newer');
    const count = (table: string) => sqlite.prepare(`select count(*) from ${table} where deleted_at is null`).pluck().get() as number;
    return {
      name,
      schemaVersion,
      beneficiaries: count('beneficiaries'),
      sessions: count('sessions'),
      lastChange: (sqlite.prepare('select max(at) from audit_log').pluck().get() as string | null) ?? null,
    };
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('VALIDATION', 'backups.errors.unreadable');
  } finally {
    sqlite.close();
  }
}

export function inspect(core: Core, name: string): BackupContents {
  return inspectFile(core, fileOf(core, name), name);
}

/**
 * Restore: check the backup, keep the current database as a backup, then swap
 * files so that at every instant a complete database sits at the live path
 * (a rename is atomic). An older backup is migrated when it opens.
 */
export function restore(core: Core, actor: Actor, name: string): BackupContents {
  const file = fileOf(core, name);
  const contents = inspectFile(core, file, name);
  return withoutJobs(core, () => {
    const safety = backupNow(core, actor, 'pre-restore');
    const incoming = prepareIncoming(core.key, file, core.databaseFile);
    core.replaceDatabase(() => swapIn(incoming, core.databaseFile));
    core.audit(actor, { action: 'backups.restore', detail: { ...contents, safetyBackup: safety.name } });
    return contents;
  });
}

/**
 * Runs a swap of the database with no sync, import or export running (refused while one runs) and none starting
 * until it is done: a sync that spans the swap would record the old database's answers in the new one.
 */
export function withoutJobs<T>(core: Pick<Core, 'jobs'>, work: () => T): T {
  const claim = core.jobs.claimForUpdate();
  try {
    return work();
  } finally {
    claim.release();
  }
}

/**
 * Copies a checked backup next to the live file, as a new device: the server has seen this device's
 * mutation numbers beyond what the backup holds, and must not take new ones for old. Its beneficiary
 * codes went on after the backup too (the server has them), so it gets a new short code, which the core
 * assigns when it opens. Returns the copy.
 */
export function prepareIncoming(key: string, backupFile: string, live: string): string {
  const incoming = `${live}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  const copy = openEncrypted(incoming, key);
  copy.pragma('journal_mode = DELETE');
  copy.prepare('update sync_state set device_id = ?, device_code = null, hlc = null where id = 1').run(uuidv7());
  copy.close();
  const handle = fs.openSync(incoming, 'r+');
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  return incoming;
}

/**
 * Puts the prepared copy at the live path with one rename (atomic), so a complete database is there at
 * every instant. `keepAs` first copies the old file and its WAL aside (a damaged store, kept for support).
 * Then the old WAL goes: a stale WAL must never be replayed onto the new file.
 */
export function swapIn(incoming: string, live: string, keepAs?: string): void {
  if (keepAs)
    for (const suffix of ['', '-wal']) if (fs.existsSync(`${live}${suffix}`)) fs.copyFileSync(`${live}${suffix}`, `${keepAs}${suffix}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${live}${suffix}`, { force: true });
  fs.renameSync(incoming, live);
}
