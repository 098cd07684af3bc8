import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakerEN, fakerFR } from '@faker-js/faker';
import { startInput } from '../../common/imports';
import { FileSecretStore, openCore } from '../../electron/core';
import type { Core } from '../../electron/core/core';
import { readBytes } from '../../electron/core/imports/files';
import { plan } from '../../electron/core/imports/preview';
import { BATCH_ROWS, stage, writeBatch } from '../../electron/core/imports/run';
import { batchSizer, copyLogIfDue, tuneForImport } from '../../electron/core/imports/tuning';
import { ensureAdmin, seedBeneficiaries } from '../demo-data';
import type { BenchResult } from '../measure';
import type { Scale } from '../run';

const SUITE = 'import';
const migrationsFolder = path.resolve(import.meta.dirname, '../../db/migrations');

async function freshCore(): Promise<{ core: Core; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-import-'));
  return { core: await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder }), dataDir };
}

interface Row {
  given: string;
  family: string;
  sex: string;
  birth: string;
  nid: string;
  phone: string;
}

/**
 * A spreadsheet export as clinics send them: French headers, semicolons,
 * day-first dates, H/F sex codes; about 1% copies of people already in the
 * registry, 1% repeated national IDs and 1% rows with a problem.
 */
function sheet(count: number, existing: Row[]): Buffer {
  fakerFR.seed(5);
  fakerEN.seed(5);
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const faker = i % 2 ? fakerFR : fakerEN;
    const birth = faker.date.birthdate({ min: 1, max: 90, mode: 'age', refDate: '2026-01-01' });
    let row: Row = {
      given: faker.person.firstName(),
      family: faker.person.lastName(),
      sex: i % 2 ? 'F' : 'H',
      birth: `${String(birth.getUTCDate()).padStart(2, '0')}/${String(birth.getUTCMonth() + 1).padStart(2, '0')}/${birth.getUTCFullYear()}`,
      nid: `IMP-${String(i).padStart(7, '0')}`,
      phone: i % 3 ? '' : `+33 6 ${String(10_000_000 + i).slice(-8)}`,
    };
    if (i % 100 === 17 && existing.length > 0) row = existing[i % existing.length]!;
    if (i % 100 === 42 && i > 0) row = { ...row, nid: rows[i - 1]!.nid };
    if (i % 100 === 73) row = { ...row, sex: 'X' };
    rows.push(row);
  }
  const lines = ['Prénom;Nom de famille;Sexe;Date de naissance;Numéro d’identité;Téléphone'];
  for (const r of rows) lines.push([r.given, r.family, r.sex, r.birth, r.nid, r.phone].join(';'));
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const mb = (kb: number) => Math.round(kb / 1024);

/** Copies the store's data folder, its log checkpointed into the file, so that the limit starts from the same registry as ours. */
function copyStore(core: Core, dataDir: string): string {
  core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-import-raw-'));
  fs.cpSync(dataDir, copy, { recursive: true });
  return copy;
}

type Stored = Record<string, unknown>;

/**
 * What the import wrote: its staged rows (as staged: those to write pending), and for each created person the record,
 * its search row, its audit entry and its outbox entry.
 */
function writtenRows(sqlite: Core['store']['sqlite'], importId: string) {
  const of = (sql: string) => sqlite.prepare(sql).all(importId) as Stored[];
  const imported = `select target_id from import_rows where import_id = ? and state = 'done' and action = 'create'`;
  return {
    import_rows:
      of(`select import_id, row, action, payload, target_id, case when action in ('create', 'update') then 'pending' else state end as state,
      reason from import_rows where import_id = ? order by row`),
    beneficiaries: of(`select * from beneficiaries where id in (${imported}) order by id`),
    beneficiaries_search: of(`select beneficiary_id, text, name_key, phone_key, birth_year from beneficiaries_search
      where beneficiary_id in (${imported}) order by beneficiary_id`),
    audit_log: of(`select id, at, user_id, device_id, action, entity, row_id, clinic_id, detail, prev_hash, hash from audit_log
      where entity = 'beneficiaries' and row_id in (${imported}) order by row_id`),
    outbox: of(`select entity, row_id, op, fields, hlc, base_version, created_at from outbox
      where entity = 'beneficiaries' and row_id in (${imported}) order by row_id`),
  };
}

/**
 * The limit: raw better-sqlite3 writing the very rows the import wrote into a copy of the same starting store: the
 * staged rows in one transaction, then in the import's own batches (the rows of each, as its timing sized them) the
 * records with their indexes, search rows and their FTS trigram index through its trigger, audit and outbox entries,
 * and the batch's staged rows marked done; with prepared statements, positional values, connection tuning and copies
 * of the log between batches, and nothing else. Search rows go in one statement a batch, as the import writes them
 * (FTS5 writes a segment a statement).
 */
function rawWrite(
  sqlite: Core['store']['sqlite'],
  rows: ReturnType<typeof writtenRows>,
  batches: number[],
): { ms: number; cpu: NodeJS.CpuUsage } {
  const insert = (table: string, list: Stored[]) => {
    const columns = Object.keys(list[0] ?? {});
    const perRow = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const together = sqlite.prepare(
      `insert into ${table} (${columns.join(', ')}) select ${columns.map((c) => `value ->> '${c}'`).join(', ')} from json_each(?)`,
    );
    return { perRow, together, list: list.map((row) => columns.map((c) => row[c])) };
  };
  const { beneficiaries_search: search, import_rows: staged, ...perRow } = rows;
  const tables = Object.entries(perRow).map(([table, list]) => insert(table, list));
  const searchRows = insert('beneficiaries_search', search);
  const stage = insert('import_rows', staged);
  // Each batch marks its staged rows done by range, up to its last pending row.
  const pending = staged.filter((row) => row.state === 'pending');
  const markDone = sqlite.prepare(`update import_rows set state = 'done' where import_id = ? and state = 'pending' and row <= ?`);
  // As the import, each batch sets the sync digest's insert trigger aside (run.ts, withoutTriggers).
  const trigger = sqlite.prepare(`select sql from sqlite_master where name = 'sync_digest_beneficiaries_insert'`).pluck().get() as string;
  const batch = sqlite.transaction((from: number, to: number) => {
    sqlite.exec('drop trigger sync_digest_beneficiaries_insert');
    for (let i = from; i < to; i++) for (const { perRow, list } of tables) perRow.run(...list[i]!);
    sqlite.exec(trigger);
    searchRows.together.run(JSON.stringify(search.slice(from, to)));
    markDone.run(pending[to - 1]!.import_id, pending[to - 1]!.row);
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  sqlite
    .transaction(() => {
      for (const row of stage.list) stage.perRow.run(...row);
    })
    .immediate();
  const untune = tuneForImport(sqlite);
  let from = 0;
  for (const size of batches) {
    batch.immediate(from, from + size);
    from += size;
    copyLogIfDue(sqlite, size);
  }
  untune();
  return { ms: performance.now() - started, cpu: process.cpuUsage(cpu) };
}

export async function run(scale: Scale): Promise<BenchResult[]> {
  const count = scale === 'full' ? 100_000 : 5_000;
  const { core, dataDir } = await freshCore();
  let rawDir: string | null = null;
  try {
    const admin = await ensureAdmin(core);
    const clinicId = admin.clinicIds[0]!;
    seedBeneficiaries(core, admin, count / 10);
    rawDir = copyStore(core, dataDir);
    const existing = (
      core.store.sqlite.prepare('select given_name, family_name, birth_date, national_id from beneficiaries limit 1000').all() as {
        given_name: string;
        family_name: string;
        birth_date: string | null;
        national_id: string | null;
      }[]
    ).map((p) => ({
      given: p.given_name,
      family: p.family_name,
      sex: 'F',
      birth: p.birth_date ? p.birth_date.split('-').reverse().join('/') : '',
      nid: p.national_id ?? '',
      phone: '',
    }));
    let csv = sheet(count, existing);
    const memoryBefore = mb(process.resourceUsage().maxRSS);

    // Ours: read and decode, preview with the duplicate check, stage, write in batches (row, index, audit, outbox).
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const file = await readBytes(core, admin.id, 'bench.csv', csv);
    csv = Buffer.alloc(0); // the upload's bytes are the core's now
    const t1 = performance.now();
    const sheetInfo = file.sheets[0]!;
    const input = startInput.parse({
      fileId: file.fileId,
      sheet: sheetInfo.name,
      kind: 'beneficiaries',
      mapping: sheetInfo.guess.beneficiaries,
      clinicId,
    });
    const previewCpu = process.cpuUsage();
    const { preview } = await plan(core, admin, input);
    const previewCpuUsed = process.cpuUsage(previewCpu);
    const t2 = performance.now();
    const writeCpu = process.cpuUsage();
    const id = await stage(core, admin, input);
    // As the import job does (run.ts launch).
    const untune = tuneForImport(core.store.sqlite);
    const size = batchSizer(BATCH_ROWS);
    const batches: number[] = [];
    for (;;) {
      const started = performance.now();
      const written = writeBatch(core, admin, id, size.rows);
      if (written === 0) break;
      size.took(written, performance.now() - started);
      batches.push(written);
      copyLogIfDue(core.store.sqlite, written);
    }
    untune();
    const writeCpuUsed = process.cpuUsage(writeCpu);
    const t3 = performance.now();
    const oursCpu = process.cpuUsage(cpu);
    const peak = mb(process.resourceUsage().maxRSS);
    const rows = writtenRows(core.store.sqlite, id);
    const written = rows.beneficiaries.length;
    core.close();

    const raw = await openCore({ dataDir: rawDir, secrets: new FileSecretStore(rawDir), migrationsFolder });
    const limit = rawWrite(raw.store.sqlite, rows, batches);
    raw.close();
    // CPU time beside wall time: on a busy machine the wall clock mostly measures waiting.
    const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

    const round = (n: number) => Math.round(n);
    console.error(
      `import: ${count} rows, ${preview.valid} valid, ${preview.invalid} invalid, ${preview.duplicates} duplicates; ${written} written in ${batches.length} batches (${batches.join(' ')})`,
    );
    return [
      { suite: SUITE, metric: 'read_ms', unit: 'ms', value: round(t1 - t0), limit: null, n: 1 },
      { suite: SUITE, metric: 'preview_ms', unit: 'ms', value: round(t2 - t1), limit: null, n: 1 },
      { suite: SUITE, metric: 'preview_cpu_ms', unit: 'ms', value: cpuMs(previewCpuUsed), limit: null, n: 1 },
      { suite: SUITE, metric: 'write_ms', unit: 'ms', value: round(t3 - t2), limit: round(limit.ms), n: 1 },
      { suite: SUITE, metric: 'write_cpu_ms', unit: 'ms', value: cpuMs(writeCpuUsed), limit: cpuMs(limit.cpu), n: 1 },
      { suite: SUITE, metric: 'total_ms', unit: 'ms', value: round(t3 - t0), limit: round(limit.ms), n: 1 },
      { suite: SUITE, metric: 'total_cpu_ms', unit: 'ms', value: cpuMs(oursCpu), limit: cpuMs(limit.cpu), n: 1 },
      {
        suite: SUITE,
        metric: 'rows_per_s',
        unit: 'rows/s',
        value: round(count / ((t3 - t0) / 1000)),
        limit: round(written / (limit.ms / 1000)),
        n: 1,
      },
      { suite: SUITE, metric: 'peak_rss', unit: 'MB', value: peak, limit: null, n: 1 },
      { suite: SUITE, metric: 'rss_growth', unit: 'MB', value: peak - memoryBefore, limit: null, n: 1 },
    ];
  } finally {
    core.close(); // closing twice is harmless
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (rawDir) fs.rmSync(rawDir, { recursive: true, force: true });
  }
}
