import fs from 'node:fs';
import { registerInput, updateInput } from '../../common/beneficiaries';
import * as beneficiaries from '../../electron/core/beneficiaries/service';
import type { Core } from '../../electron/core/core';
import { connectedDevice, editable } from '../../electron/core/sync/testing';
import { openTestCore } from '../../electron/core/testing';
import type { BenchResult } from '../measure';
import type { Scale } from '../run';
import { startBenchServer } from '../sync-server';
import { seededEntities } from '../sync-seed';

const SUITE = 'sync';
const round = (n: number) => Math.round(n * 10) / 10;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Raw better-sqlite3 inserting the rows the device pulled into a fresh store of the same schema as a first sync
 * writes them: without the report summary triggers, without the tables' non-unique indexes (built at the end, and
 * timed), ten thousand rows a transaction as the pull's ten pages: the limit beside the initial sync.
 */
async function rawInsert(from: Core): Promise<{ ms: number; rows: number }> {
  const core = await openTestCore();
  try {
    const sqlite = core.store.sqlite;
    const triggers = sqlite.prepare(`select name from sqlite_master where type = 'trigger' and name like 'report%'`).pluck().all();
    for (const name of triggers) sqlite.exec(`drop trigger ${name as string}`);
    const indexes = sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%'
           and tbl_name in (select value from json_each(?))`,
      )
      .all(JSON.stringify(seededEntities)) as { name: string; sql: string }[];
    for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
    let ms = 0;
    let rows = 0;
    for (const entity of seededEntities) {
      const columns = (from.store.sqlite.prepare(`select name from pragma_table_info('${entity}')`).pluck().all() as string[]).join(', ');
      const insert = sqlite.prepare(`insert into ${entity} (${columns}) values (${columns.replace(/[^,\s]+/g, '?')})`);
      const page = sqlite.transaction((slice: unknown[][]) => {
        for (const row of slice) insert.run(...row);
      });
      // Read a page at a time (a million sessions would not fit in memory as objects); only the inserts are timed.
      let slice: unknown[][] = [];
      const write = () => {
        const started = performance.now();
        page.immediate(slice);
        ms += performance.now() - started;
        rows += slice.length;
        slice = [];
      };
      for (const row of from.store.sqlite.prepare(`select ${columns} from ${entity}`).raw().iterate() as Iterable<unknown[]>) {
        slice.push(row);
        if (slice.length === 10_000) write();
      }
      if (slice.length > 0) write();
    }
    const started = performance.now();
    sqlite.transaction(() => {
      for (const index of indexes) sqlite.exec(index.sql);
    })();
    ms += performance.now() - started;
    return { ms, rows };
  } finally {
    core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
}

/**
 * Sync through the reference server on loopback (PGlite in a temporary folder, in a process of its own).
 * - push: a device of a second clinic registers people offline, each its own write with audit and outbox, then syncs.
 * - initial sync: the demo store of this scale (people, sessions, attendees) is copied into the server by bulk SQL
 *   (bench/sync-seed.ts); a manager of both clinics signs in on a new device and pulls everything, checksums verified.
 *   Beside it: the apply rate in rows/s, and raw better-sqlite3 inserting the same rows into the same schema.
 * - incremental: the first device edits 1,000 people and pushes; the second device, otherwise up to date, syncs.
 */
export async function run(scale: Scale): Promise<BenchResult[]> {
  const [people, edits] = [10_000, 1_000];
  const server = await startBenchServer(scale);
  const { second, desk } = server;
  const a = await connectedDevice(server, desk);
  const results: BenchResult[] = [];
  try {
    // Offline registrations in the second clinic: the first device never receives the demo clinic's rows.
    const made = [];
    for (let i = 0; i < people; i++) {
      const input = registerInput.parse({
        clinicId: second.id,
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
    let device!: Awaited<ReturnType<typeof connectedDevice>>;
    const first = await time(async () => {
      device = await connectedDevice(server, server.manager);
    });
    try {
      const rows = seededEntities.reduce(
        (sum, entity) => sum + (device.core.store.sqlite.prepare(`select count(*) from ${entity}`).pluck().get() as number),
        0,
      );
      const raw = await rawInsert(device.core);
      results.push({ suite: SUITE, metric: `initial_sync_${rows}`, unit: 'ms', value: round(first), limit: round(raw.ms), n: 1 });
      results.push({
        suite: SUITE,
        metric: 'initial_sync_rate',
        unit: 'rows/s',
        value: Math.round(rows / (first / 1000)),
        limit: Math.round(raw.rows / (raw.ms / 1000)),
        n: 1,
      });

      // Incremental: edits on one device, pushed, then pulled by the other, which is otherwise up to date.
      for (const person of made.slice(0, edits))
        beneficiaries.update(a.core, a.me, updateInput.parse({ ...editable(person), notes: 'seen again' }));
      await a.sync();
      const incremental = await time(() => device.sync());
      results.push({ suite: SUITE, metric: `incremental_${edits}`, unit: 'ms', value: round(incremental), limit: null, n: 1 });
    } finally {
      device.close();
      fs.rmSync(device.core.dataDir, { recursive: true, force: true });
    }
    return results;
  } finally {
    a.close();
    fs.rmSync(a.core.dataDir, { recursive: true, force: true });
    await server.close();
  }
}
