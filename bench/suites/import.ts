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
function sheet(count: number, existing: Row[]): { csv: Buffer; rows: Row[] } {
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
  return { csv: Buffer.from(lines.join('\r\n'), 'utf8'), rows };
}

const mb = (kb: number) => Math.round(kb / 1024);

export async function run(scale: Scale): Promise<BenchResult[]> {
  const count = scale === 'full' ? 100_000 : 5_000;
  const { core, dataDir } = await freshCore();
  const raw = await freshCore();
  try {
    const admin = await ensureAdmin(core);
    const clinicId = admin.clinicIds[0]!;
    seedBeneficiaries(core, admin, count / 10);
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
    const { csv, rows } = sheet(count, existing);
    const memoryBefore = mb(process.resourceUsage().maxRSS);

    // Ours: read and decode, preview with the duplicate check, stage, write in batches (row, index, audit, outbox).
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const file = await readBytes(core, admin.id, 'bench.csv', csv);
    const t1 = performance.now();
    const sheetInfo = file.sheets[0]!;
    const input = startInput.parse({
      fileId: file.fileId,
      sheet: sheetInfo.name,
      kind: 'beneficiaries',
      mapping: sheetInfo.guess.beneficiaries,
      clinicId,
    });
    const { preview } = plan(core, admin, input);
    const t2 = performance.now();
    const id = stage(core, admin, input);
    while (writeBatch(core, admin, id) > 0);
    const t3 = performance.now();
    const oursCpu = process.cpuUsage(cpu);
    const peak = mb(process.resourceUsage().maxRSS);
    const written = core.store.sqlite
      .prepare("select count(*) from import_rows where import_id = ? and state = 'done' and action = 'create'")
      .pluck()
      .get(id) as number;

    // The limit: raw better-sqlite3 inserting the same rows, 500 to a transaction, nothing else.
    const sqlite = raw.core.store.sqlite;
    const insert = sqlite.prepare(
      `insert into beneficiaries (id, clinic_id, code, given_name, family_name, sex, birth_date, national_id, phone, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const batch = sqlite.transaction((slice: Row[], offset: number) => {
      const at = new Date().toISOString();
      slice.forEach((r, i) =>
        insert.run(`raw-${offset + i}`, clinicId, `RAW-${offset + i}`, r.given, r.family, r.sex, r.birth, null, r.phone || null, at, at),
      );
    });
    const rawCpu = process.cpuUsage();
    const r0 = performance.now();
    for (let offset = 0; offset < rows.length; offset += BATCH_ROWS) batch.immediate(rows.slice(offset, offset + BATCH_ROWS), offset);
    const rawMs = performance.now() - r0;
    const rawCpuUsed = process.cpuUsage(rawCpu);
    // CPU time beside wall time: on a busy machine the wall clock mostly measures waiting.
    const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

    const round = (n: number) => Math.round(n);
    console.error(
      `import: ${count} rows, ${preview.valid} valid, ${preview.invalid} invalid, ${preview.duplicates} duplicates; ${written} written`,
    );
    return [
      { suite: SUITE, metric: 'read_ms', unit: 'ms', value: round(t1 - t0), limit: null, n: 1 },
      { suite: SUITE, metric: 'preview_ms', unit: 'ms', value: round(t2 - t1), limit: null, n: 1 },
      { suite: SUITE, metric: 'write_ms', unit: 'ms', value: round(t3 - t2), limit: round(rawMs), n: 1 },
      { suite: SUITE, metric: 'total_ms', unit: 'ms', value: round(t3 - t0), limit: round(rawMs), n: 1 },
      { suite: SUITE, metric: 'total_cpu_ms', unit: 'ms', value: cpuMs(oursCpu), limit: cpuMs(rawCpuUsed), n: 1 },
      {
        suite: SUITE,
        metric: 'rows_per_s',
        unit: 'rows/s',
        value: round(count / ((t3 - t0) / 1000)),
        limit: round(count / (rawMs / 1000)),
        n: 1,
      },
      { suite: SUITE, metric: 'peak_rss', unit: 'MB', value: peak, limit: null, n: 1 },
      { suite: SUITE, metric: 'rss_growth', unit: 'MB', value: peak - memoryBefore, limit: null, n: 1 },
    ];
  } finally {
    core.close();
    raw.core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(raw.dataDir, { recursive: true, force: true });
  }
}
