import fs from 'node:fs';
import type { Diagnostics } from '../../../common/diagnostics';
import * as backups from '../backups/service';
import type { Core } from '../core';
import { integrityStatus } from '../integrity/service';

const counted = ['beneficiaries', 'sessions', 'session_attendees', 'users', 'clinics', 'audit_log', 'outbox'] as const;

/** What support needs to know about this installation, and nothing about the people in it. */
export function summary(core: Core): Diagnostics {
  const { sqlite } = core.store;
  const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);
  const counts = Object.fromEntries(
    counted.map((table) => [table, sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number]),
  );
  const { versions } = process;
  return {
    versions: Object.fromEntries(
      Object.entries({
        node: versions.node,
        electron: versions.electron,
        chrome: versions.chrome,
        sqlite: sqlite.prepare('select sqlite_version()').pluck().get() as string,
      }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ),
    dataDir: core.dataDir,
    databaseBytes: size(core.databaseFile) + size(`${core.databaseFile}-wal`),
    schemaVersion: sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number,
    counts,
    lastSyncedAt: (sqlite.prepare('select last_synced_at from sync_state where id = 1').pluck().get() as string | null) ?? null,
    lastBackupAt: backups.list(core)[0]?.at ?? null,
    integrity: integrityStatus(core),
    recentErrors: core.log.recent('warn', 20),
  };
}
