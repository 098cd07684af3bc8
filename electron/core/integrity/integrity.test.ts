import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostics } from '../../../common/diagnostics';
import { ensureAdmin, seedBeneficiaries } from '../../../bench/demo-data';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { quickCheckInWorker } from './check';
import { startIntegrityCheck } from './service';

let core: Core;
afterEach(() => core?.close());

/** A copy of the closed store with one page in the middle overwritten, as a failing disk sector would. */
function damagedCopy(file: string): string {
  const copy = `${file}.damaged-copy`;
  fs.copyFileSync(file, copy);
  const pageSize = 4096;
  const pages = fs.statSync(copy).size / pageSize;
  const handle = fs.openSync(copy, 'r+');
  fs.writeSync(handle, Buffer.alloc(pageSize, 0x5a), 0, pageSize, Math.floor(pages / 2) * pageSize);
  fs.closeSync(handle);
  return copy;
}

describe('integrity check in the background', () => {
  it('finds a real store intact, and Diagnostics shows when and how it went', async () => {
    core = await openTestCore();
    const admin = testClient(core);
    await admin.mutate('account.setup', setupAdmin);
    const check = startIntegrityCheck(core);
    // The check runs in a worker: the core answers meanwhile.
    expect(dataOf<Diagnostics>(await admin.query('diagnostics.summary')).integrity.state).toBe('running');
    expect(await check).toMatchObject({ state: 'ok', problems: [] });
    const { integrity } = dataOf<Diagnostics>(await admin.query('diagnostics.summary'));
    expect(integrity).toMatchObject({ state: 'ok', startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(integrity.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a damaged copy as damaged, with SQLite’s words and no data', async () => {
    core = await openTestCore();
    const admin = await ensureAdmin(core);
    seedBeneficiaries(core, admin, 400);
    const { databaseFile: file, key } = core;
    core.close();
    const copy = damagedCopy(file);

    const result = await quickCheckInWorker(copy, key);
    expect(result).toMatchObject({ ok: false, damaged: true });
    expect(result.problems.join('\n')).toMatch(/page|malformed|corrupt|not a database/i);
  });

  it('says the check could not run (not damage) when the file is missing', async () => {
    const result = await quickCheckInWorker('/nonexistent/outpost.db', 'a'.repeat(64));
    expect(result).toMatchObject({ ok: false, damaged: false });
  });
});
