import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileSecretStore, openCore } from '../electron/core';
import { ensureAdmin, ensureStaff, seedBeneficiaries, seedSessions } from './demo-data';
import type { Scale } from './run';

const root = path.resolve(import.meta.dirname, '..');
const migrationsFolder = path.join(root, 'db/migrations');
export const seedSizes: Record<Scale, { people: number; sessions: number }> = {
  small: { people: 5_000, sessions: 50_000 },
  full: { people: 100_000, sessions: 1_000_000 },
};

/**
 * A fresh data folder holding the demo store for this scale (people, 12 staff, sessions).
 * Seeding a million sessions through the write path takes hours, so the seeded
 * folder is kept in the temp folder, keyed by the seed code, and each suite works
 * on its own copy. When the schema has moved on, the cached store is migrated once,
 * in place, so the copies open without migrating (and without a pre-migration backup).
 */
export async function seededDataDir(scale: Scale): Promise<string> {
  const key = createHash('sha256')
    .update(fs.readFileSync(path.join(import.meta.dirname, 'demo-data.ts')))
    .update(scale)
    .digest('hex')
    .slice(0, 12);
  const cache = path.join(os.tmpdir(), `outpost-bench-seed-${scale}-${key}`);
  if (!fs.existsSync(path.join(cache, 'seeded'))) {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache);
    const core = await openCore({ dataDir: cache, secrets: new FileSecretStore(cache), migrationsFolder });
    try {
      const admin = await ensureAdmin(core);
      seedBeneficiaries(core, admin, seedSizes[scale].people);
      seedSessions(core, admin, await ensureStaff(core, admin, 12), seedSizes[scale].sessions);
      core.store.sqlite.pragma('optimize');
      core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      core.close();
    }
    fs.writeFileSync(path.join(cache, 'seeded'), new Date().toISOString());
  } else {
    const core = await openCore({ dataDir: cache, secrets: new FileSecretStore(cache), migrationsFolder });
    core.close();
    fs.rmSync(path.join(cache, 'backups'), { recursive: true, force: true });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-'));
  fs.cpSync(cache, dataDir, { recursive: true, filter: (source) => path.basename(source) !== 'seeded' });
  return dataDir;
}
