import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { openTestCore } from '../testing';
import { tuneForImport } from './tuning';

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
});
