import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../db/open';
import { verifyAuditChain } from './audit/verify';
import { runThenKill } from './crash-child';
import { FileSecretStore } from './secrets/file-secret-store';

// npm test runs a few; `npm run test:crash` runs the full hundred.
const KILLS = Number(process.env.OUTPOST_CRASH_KILLS ?? 5);

/** Starts the writer, lets it commit for a random while, then SIGKILLs it. Returns the ids it acknowledged. */
const writeThenKill = (dataDir: string, seed: number) =>
  runThenKill('electron/core/crash-writer.ts', ['--data-dir', dataDir], 5 + ((seed * 7919) % 400));

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
