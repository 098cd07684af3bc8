import fs from 'node:fs';
import path from 'node:path';
import { openEncrypted } from '../../db/open';
import { FileSecretStore, openCore } from '../../electron/core';
import * as backups from '../../electron/core/backups/service';
import { quickCheckInWorker } from '../../electron/core/integrity/check';
import { ensureAdmin } from '../demo-data';
import { seededDataDir } from '../seeded-store';
import type { BenchResult } from '../measure';
import type { Scale } from '../run';

const SUITE = 'backups';
const round = (n: number) => Math.round(n * 10) / 10;

async function time(fn: () => unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/**
 * Backup, restore and the background integrity check on a seeded store, each beside the same I/O
 * without our code around it: VACUUM INTO on a bare connection for a backup, a file copy and rename
 * for a restore, quick_check on the calling thread for the worker's check.
 */
export async function run(scale: Scale): Promise<BenchResult[]> {
  const runs = scale === 'full' ? 1 : 3;
  const dataDir = await seededDataDir(scale);
  const core = await openCore({
    dataDir,
    secrets: new FileSecretStore(dataDir),
    migrationsFolder: path.resolve(import.meta.dirname, '../../db/migrations'),
  });
  try {
    const admin = await ensureAdmin(core);
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const actor = { userId: admin.id };
    const results: BenchResult[] = [];
    const push = (metric: string, ours: number[], limit: number[] | null) =>
      results.push({ suite: SUITE, metric, unit: 'ms', value: round(median(ours)), limit: limit && round(median(limit)), n: ours.length });

    const scratch = path.join(dataDir, 'scratch');
    fs.mkdirSync(scratch);
    const backupMs: number[] = [];
    const vacuumMs: number[] = [];
    let made = '';
    for (let i = 0; i < runs; i++) {
      backupMs.push(await time(() => (made = backups.backupNow(core, actor, 'manual').name)));
      const raw = openEncrypted(core.databaseFile, core.key);
      const target = path.join(scratch, `raw-${i}.db`);
      vacuumMs.push(await time(() => raw.prepare('vacuum into ?').run(target)));
      raw.close();
      fs.rmSync(target);
    }
    push('backup', backupMs, vacuumMs);
    results.push({
      suite: SUITE,
      metric: 'backup_size',
      unit: 'MB',
      value: round(fs.statSync(path.join(backups.backupDir(core), made)).size / 1e6),
      limit: null,
      n: 1,
    });

    // A restore validates the backup (key, integrity_check, schema), keeps a pre-restore copy, then swaps.
    const restoreMs: number[] = [];
    const copyMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      restoreMs.push(await time(() => backups.restore(core, actor, made)));
      const target = path.join(scratch, 'copy.db');
      copyMs.push(
        await time(() => {
          fs.copyFileSync(path.join(backups.backupDir(core), made), `${target}.partial`);
          fs.renameSync(`${target}.partial`, target);
        }),
      );
      fs.rmSync(target);
    }
    push('restore', restoreMs, copyMs);

    const checkMs: number[] = [];
    const rawCheckMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      checkMs.push(await time(() => quickCheckInWorker(core.databaseFile, core.key)));
      rawCheckMs.push(await time(() => core.store.sqlite.pragma('quick_check')));
    }
    push('quick_check_in_worker', checkMs, rawCheckMs);
    return results;
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
