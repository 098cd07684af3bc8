import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SessionUser } from '../../common/account';
import { tableExportInput, type ExportStatus } from '../../common/exports';
import { openEncrypted } from '../../db/open';
import { type Core, FileSecretStore, openCore } from '../../electron/core';
import { monthlyReport } from '../../electron/core/exports/monthly';
import * as exports from '../../electron/core/exports/service';
import { tableQuery } from '../../electron/core/exports/tables';
import { chromiumPrinter } from '../../electron/web-host/printer';
import { ensureAdmin } from '../demo-data';
import { seededDataDir, seedSizes } from '../seeded-store';
import { type BenchResult, timeEachAsync } from '../measure';
import type { Scale } from '../run';

// npm run bench -- exports [--scale small|full]: the export half of issue 6 (its dashboard queries are in `reports`).
const SUITE = 'exports';
const RUNS = 5;
const root = path.resolve(import.meta.dirname, '../..');
const round = (n: number) => Math.round(n * 10) / 10;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

async function untilDone(core: Core, user: SessionUser, started: ExportStatus): Promise<ExportStatus> {
  let status = started;
  while (status.state === 'running') {
    await new Promise((resolve) => setImmediate(resolve));
    status = exports.status(core, user, status.id);
  }
  if (status.state !== 'done') throw new Error(`export ${status.state}: ${status.error}`);
  return status;
}

/** The physical limit: the same rows from raw better-sqlite3, joined with commas, written to a file. */
function rawCsv(core: Core, user: SessionUser, input: ReturnType<typeof tableExportInput.parse>, file: string): void {
  const query = tableQuery(user, input, core.now());
  const reader = openEncrypted(core.databaseFile, core.key, { readonly: true });
  // The export's own cache (electron/core/exports/service.ts): in name order, the rows are read in random page order.
  reader.pragma('cache_size = -65536');
  const fd = fs.openSync(file, 'w');
  let chunk = '';
  for (const row of reader
    .prepare(query.rowsSql)
    .raw()
    .iterate(...query.params) as IterableIterator<unknown[]>) {
    chunk += row.join(',') + '\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  reader.close();
}

/** Serves the built renderer (print.html and its assets) for the printer, as the web host does. */
async function serveRenderer(): Promise<{ url: string; close(): void }> {
  const dir = path.join(root, 'out/renderer');
  if (!fs.existsSync(path.join(dir, 'print.html'))) throw new Error('Build the renderer first: npm run build');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2' };
  const server = http.createServer((request, response) => {
    const file = path.join(dir, new URL(request.url ?? '/', 'http://x').pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/print.html`, close: () => server.close() };
}

export async function run(scale: Scale): Promise<BenchResult[]> {
  const { people } = seedSizes[scale];
  const dataDir = await seededDataDir(scale);
  const renderer = await serveRenderer();
  const printer = chromiumPrinter({ pageUrl: () => renderer.url });
  const core = await openCore({
    dataDir,
    secrets: new FileSecretStore(dataDir),
    migrationsFolder: path.join(root, 'db/migrations'),
    printer,
    exportFiles: { deliver: async () => ({ kind: 'cancelled' }) },
  });
  const results: BenchResult[] = [];
  try {
    const admin = await ensureAdmin(core);
    core.store.sqlite.pragma('optimize');
    const all = tableExportInput.parse({
      list: 'beneficiaries',
      format: 'csv',
      columns: [
        'code',
        'givenName',
        'familyName',
        'otherNames',
        'sex',
        'birthDate',
        'nationalId',
        'phone',
        'status',
        'clinic',
        'createdAt',
      ],
      filters: {},
    });

    // Peak memory: resident size sampled while the CSV export runs, above what it was before.
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const csv = await timeEachAsync(Array.from({ length: RUNS }), async () => untilDone(core, admin, exports.startTable(core, admin, all)));
    clearInterval(sampler);
    const limitFile = path.join(dataDir, 'limit.csv');
    const limit = await timeEachAsync(Array.from({ length: RUNS }), async () => rawCsv(core, admin, all, limitFile));
    results.push(
      {
        suite: SUITE,
        metric: `csv_${people}_beneficiaries_ms`,
        unit: 'ms',
        value: round(median(csv)),
        limit: round(median(limit)),
        n: RUNS,
      },
      { suite: SUITE, metric: 'csv_peak_rss_above_start', unit: 'MB', value: round((peak - before) / 2 ** 20), limit: null, n: RUNS },
      { suite: SUITE, metric: 'process_max_rss', unit: 'MB', value: round(process.resourceUsage().maxRSS / 1024), limit: null, n: 1 },
    );

    const xlsx = await timeEachAsync(Array.from({ length: 3 }), async () =>
      untilDone(core, admin, exports.startTable(core, admin, { ...all, format: 'xlsx' })),
    );
    results.push({ suite: SUITE, metric: `xlsx_${people}_beneficiaries_ms`, unit: 'ms', value: round(median(xlsx)), limit: null, n: 3 });

    // The monthly PDF: the data (dashboard queries) and the print, end to end; the first print also starts Chromium.
    const month = new Date(Date.UTC(core.now().getUTCFullYear(), core.now().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const pdf = async () => {
      const document = monthlyReport(core, admin, { page: 'monthly', month, clinicId: null, locale: 'en' });
      return untilDone(core, admin, exports.startReport(core, admin, document, { entity: 'monthly', clinicId: null, detail: {} }));
    };
    const [cold] = await timeEachAsync([0], pdf);
    const warm = await timeEachAsync(Array.from({ length: RUNS }), pdf);
    results.push(
      { suite: SUITE, metric: 'monthly_pdf_first_ms', unit: 'ms', value: round(cold!), limit: null, n: 1 },
      { suite: SUITE, metric: 'monthly_pdf_ms', unit: 'ms', value: round(median(warm)), limit: null, n: RUNS },
    );
    return results;
  } finally {
    core.close();
    await printer.close();
    renderer.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
