import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { openTestCore } from '../testing';
import { batchSizer, copyLogIfDue, tuneForImport } from './tuning';

let core: Core;
afterEach(() => core?.close());

describe('connection tuning for imports', () => {
  it('raises the cache and the checkpoint interval while any import runs, then puts back what was there', async () => {
    core = await openTestCore();
    const { sqlite } = core.store;
    const settings = () => [sqlite.pragma('cache_size', { simple: true }), sqlite.pragma('wal_autocheckpoint', { simple: true })];
    const before = settings();

    const first = tuneForImport(sqlite);
    const tuned = settings();
    expect(tuned[0]).toBeLessThan(before[0] as number); // a size in KiB is negative: lower is larger
    expect(tuned[1]).toBeGreaterThan(before[1] as number);
    const second = tuneForImport(sqlite);
    first();
    first(); // ending twice counts once
    expect(settings()).toEqual(tuned);
    second();
    expect(settings()).toEqual(before);
  });

  it('copies the log into the file between batches, every 24,000 rows, only while an import runs', async () => {
    core = await openTestCore();
    const { sqlite } = core.store;
    const fileSize = () => fs.statSync(core.databaseFile).size;
    sqlite.exec('create table filler (x)');
    const grow = () => sqlite.exec("insert into filler select randomblob(4000) from json_each('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]')");
    grow();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const untune = tuneForImport(sqlite);
    grow();
    const before = fileSize();
    for (let batch = 1; batch < 12; batch++) copyLogIfDue(sqlite, 2000);
    expect(fileSize()).toBe(before); // still in the log only
    copyLogIfDue(sqlite, 2000);
    expect(fileSize()).toBeGreaterThan(before);
    untune();
    grow();
    const after = fileSize();
    for (let batch = 0; batch < 24; batch++) copyLogIfDue(sqlite, 2000);
    expect(fileSize()).toBe(after); // no import: the connection's own checkpoints decide
  });

  it('sizes batches by time: grows by half at most while batches are quick, shrinks at once when one is slow', () => {
    const size = batchSizer(2000);
    size.took(2000, 200);
    expect(size.rows).toBe(3000); // would fit 7,000 in the time, grows by half
    size.took(3000, 600);
    expect(size.rows).toBe(4250); // 3,000 in 600 ms: 4,250 fit in 850
    size.took(4250, 4250);
    expect(size.rows).toBe(850); // a slow batch (a busy machine): back to what fits
    size.took(400, 10);
    expect(size.rows).toBe(850); // the last, short batch says nothing
    size.took(850, 60_000);
    expect(size.rows).toBe(200); // never fewer than this
    for (let i = 0; i < 30; i++) size.took(size.rows, 1);
    expect(size.rows).toBe(20_000); // nor more than this
  });
});
