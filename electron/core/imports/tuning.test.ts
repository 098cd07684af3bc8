import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { openTestCore } from '../testing';
import { copyLogIfDue, tuneForImport } from './tuning';

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

  it('copies the log into the file between batches, every twelfth, only while an import runs', async () => {
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
    for (let batch = 1; batch < 12; batch++) copyLogIfDue(sqlite);
    expect(fileSize()).toBe(before); // still in the log only
    copyLogIfDue(sqlite);
    expect(fileSize()).toBeGreaterThan(before);
    untune();
    grow();
    const after = fileSize();
    for (let batch = 0; batch < 24; batch++) copyLogIfDue(sqlite);
    expect(fileSize()).toBe(after); // no import: the connection's own checkpoints decide
  });
});
