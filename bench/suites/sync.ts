import { registerInput, updateInput } from '../../common/beneficiaries';
import * as beneficiaries from '../../electron/core/beneficiaries/service';
import { connectedDevice, type Device, editable } from '../../electron/core/sync/testing';
import { startTestServer } from '../../server/testing';
import type { BenchResult } from '../measure';
import type { Scale } from '../run';

const SUITE = 'sync';
const round = (n: number) => Math.round(n * 10) / 10;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Sync through the reference server on loopback (PGlite in-process): one device pushes what it registered
 * offline, a second device's first sync pulls it all, then an incremental sync of 1,000 edits. The limit
 * beside the initial sync is raw better-sqlite3 inserting the same rows into a bare copy of the table.
 * Beneficiaries only: seeding a million sessions through the services is a separate, hours-long run.
 */
export async function run(scale: Scale): Promise<BenchResult[]> {
  const [people, edits] = scale === 'full' ? [100_000, 1_000] : [10_000, 1_000];
  const server = await startTestServer({ loginAttemptsPerMinute: 1000 });
  const a = await connectedDevice(server, server.users.admin);
  const results: BenchResult[] = [];
  try {
    // Offline registrations: each its own write with audit and outbox, as at the clinic desk.
    const made = [];
    for (let i = 0; i < people; i++) {
      const input = registerInput.parse({
        clinicId: server.clinic.id,
        givenName: `Amani ${i}`,
        familyName: `Bench ${i % 997}`,
        sex: i % 2 ? 'female' : 'male',
        phone: `+2547${String(i).padStart(8, '0')}`,
        duplicateReason: 'benchmark',
      });
      made.push(beneficiaries.register(a.core, a.me, input));
    }
    const push = await time(async () => {
      const outcome = await a.sync();
      if (!outcome.ok) throw new Error(`push failed: ${JSON.stringify(outcome)}`);
    });
    results.push({ suite: SUITE, metric: `push_${people}`, unit: 'ms', value: round(push), limit: null, n: 1 });

    // A second device's whole first sync: open, sign in online, pull everything, verify checksums.
    let b: Device | undefined;
    const first = await time(async () => {
      b = await connectedDevice(server, server.users.manager);
    });
    const device = b!;
    try {
      const sqlite = device.core.store.sqlite;
      const rows = sqlite.prepare('select * from beneficiaries').all() as Record<string, unknown>[];
      sqlite.exec('create temp table bench_copy as select * from beneficiaries where 0');
      const columns = Object.keys(rows[0]!);
      const insert = sqlite.prepare(`insert into bench_copy (${columns.join(', ')}) values (${columns.map((c) => '@' + c).join(', ')})`);
      const started = performance.now();
      sqlite.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
      const raw = performance.now() - started;
      results.push({ suite: SUITE, metric: `initial_sync_${rows.length}`, unit: 'ms', value: round(first), limit: round(raw), n: 1 });

      // Incremental: edits on one device, pushed, then pulled by the other, which is otherwise up to date.
      for (const person of made.slice(0, edits))
        beneficiaries.update(a.core, a.me, updateInput.parse({ ...editable(person), notes: 'seen again' }));
      await a.sync();
      const incremental = await time(() => device.sync());
      results.push({ suite: SUITE, metric: `incremental_${edits}`, unit: 'ms', value: round(incremental), limit: null, n: 1 });
    } finally {
      device.close();
    }
    return results;
  } finally {
    a.close();
    await server.close();
  }
}
