import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../db/open';
import { verifyAuditChain } from './audit/verify';
import { FileSecretStore } from './secrets/file-secret-store';

const root = path.resolve(import.meta.dirname, '../..');
// npm test runs a few; `npm run test:crash` runs the full hundred.
const KILLS = Number(process.env.OUTPOST_CRASH_KILLS ?? 5);

/** Starts the writer, lets it commit for a random while, then SIGKILLs it. Returns the ids it acknowledged. */
function writeThenKill(dataDir: string, seed: number): Promise<string[]> {
  // The same Node as this test (Node 24 under npm scripts), whatever `node` is first on PATH.
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/crash-writer.ts', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!timer && output.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), 5 + ((seed * 7919) % 400));
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (${code}): ${errors}`));
      // Only whole lines were acknowledged: the last one may have been cut by the kill.
      const lines = output.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line !== 'ready'));
    });
  });
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged write, whole and intact, through ${KILLS} SIGKILLs at random points`,
    // Each kill starts a fresh Node with tsx: seconds apiece on a busy 2-core machine.
    { timeout: 30_000 + KILLS * 12_000 },
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-crash-'));
      const acknowledged: string[] = [];
      for (let i = 0; i < KILLS; i++) {
        acknowledged.push(...(await writeThenKill(dataDir, i + 1)));

        const key = (await new FileSecretStore(dataDir).get('database-key'))!;
        const sqlite = openEncrypted(path.join(dataDir, 'outpost.db'), key);
        expect(sqlite.prepare('pragma integrity_check').pluck().all()).toEqual(['ok']);
        const stored = new Set(sqlite.prepare('select id from beneficiaries').pluck().all() as string[]);
        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing, `kill ${i + 1}`).toEqual([]);
        // The row never commits without its audit entry and its outbox entry.
        const orphans = sqlite
          .prepare(
            `select count(*) from beneficiaries b where not exists (select 1 from audit_log a where a.row_id = b.id)
             or not exists (select 1 from outbox o where o.row_id = b.id)`,
          )
          .pluck()
          .get();
        expect(orphans).toBe(0);
        expect(verifyAuditChain(sqlite).ok).toBe(true);
        sqlite.close();
      }
      expect(acknowledged.length).toBeGreaterThan(KILLS);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
