import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import {
  columnLabelKey,
  type dashboardExportInput,
  type ExportDelivered,
  type ExportStatus,
  type PrintDocument,
  type TableFormat,
  type tableExportInput,
} from '../../../common/exports';
import { openEncrypted } from '../../../db/open';
import type { Core } from '../core';
import { CoreError } from '../errors';
import type { Cell } from './cells';
import { CsvWriter } from './csv';
import { dashboardRows } from './dashboard';
import { countRows, iterateRows, tableQuery } from './tables';
import { XlsxWriter } from './xlsx';

interface ExportRecord {
  status: ExportStatus;
  userId: string;
  file: string;
  contentType: string;
  jobId: number;
}

interface JobContext {
  file: string;
  signal: AbortSignal;
  progress(done: number, total: number | null): void;
}

/** One export: its file name, its audit entry, and the work that writes the file. */
export interface ExportSpec {
  fileName: string;
  contentType: string;
  audit: { action: string; entity: string; clinicId: string | null; detail: Record<string, unknown> };
  /** Writes the file; returns the number of rows it holds. */
  run(context: JobContext): Promise<number>;
}

const registries = new WeakMap<Core, Map<string, ExportRecord>>();
const registry = (core: Core) => registries.get(core) ?? registries.set(core, new Map()).get(core)!;

// Rows between progress reports, and between turns given back to other calls (a cancel among them).
const BATCH = 2000;
// Finished files nobody fetched are removed after this long.
const KEEP_MS = 60 * 60 * 1000;

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** Export files are personal data in the clear until delivered: a private folder, swept of old leftovers. */
function exportsFolder(core: Core): string {
  const folder = path.join(core.dataDir, 'exports');
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const live = new Set([...registry(core).values()].map((record) => path.basename(record.file)));
  for (const name of fs.readdirSync(folder)) {
    const file = path.join(folder, name);
    if (!live.has(name) && core.now().getTime() - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
  }
  return folder;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts an export as a job (it shows in core.jobs, so an update waits for it) and returns at once. */
export function launch(core: Core, user: SessionUser, spec: ExportSpec): ExportStatus {
  const handle = core.jobs.begin('export');
  const id = uuidv7();
  const extension = path.extname(spec.fileName);
  const record: ExportRecord = {
    status: { id, state: 'running', done: 0, total: null, fileName: spec.fileName, error: null },
    userId: user.id,
    file: path.join(exportsFolder(core), `${id}${extension}`),
    contentType: spec.contentType,
    jobId: handle.id,
  };
  registry(core).set(id, record);
  const context: JobContext = {
    file: record.file,
    signal: handle.signal,
    progress(done, total) {
      record.status.done = done;
      record.status.total = total;
      handle.progress(done, total);
    },
  };
  void (async () => {
    let rows = 0;
    try {
      await turn();
      rows = await spec.run(context);
      handle.signal.throwIfAborted();
      record.status.state = 'done';
    } catch (error) {
      fs.rmSync(record.file, { force: true });
      if (handle.signal.aborted) {
        record.status.state = 'cancelled';
      } else {
        record.status.state = 'failed';
        record.status.error = error instanceof CoreError ? error.message : 'exports.errors.failed';
        core.log.log('error', 'exports.failed', { error });
      }
    } finally {
      handle.end();
    }
    const { state } = record.status;
    try {
      core.audit(
        { userId: user.id },
        {
          action: spec.audit.action,
          entity: spec.audit.entity,
          clinicId: spec.audit.clinicId,
          detail: { ...spec.audit.detail, rows: state === 'done' ? rows : record.status.done, outcome: state },
        },
      );
    } catch (error) {
      core.log.log('error', 'exports.auditFailed', { error });
    }
  })();
  return { ...record.status };
}

function owned(core: Core, user: SessionUser, id: string): ExportRecord {
  const record = registry(core).get(id);
  // Someone else's export is as good as absent.
  if (!record || record.userId !== user.id) throw new CoreError('NOT_FOUND', 'exports.errors.notFound');
  return record;
}

export function status(core: Core, user: SessionUser, id: string): ExportStatus {
  return { ...owned(core, user, id).status };
}

export function cancel(core: Core, user: SessionUser, id: string): ExportStatus {
  const record = owned(core, user, id);
  if (record.status.state === 'running') core.jobs.cancel(record.jobId);
  return { ...record.status };
}

/** Hands the finished file to the user, once: a download link, or the desktop's save dialog (cancelled: ask again). */
export async function deliver(core: Core, user: SessionUser, id: string): Promise<ExportDelivered> {
  const record = owned(core, user, id);
  if (record.status.state !== 'done') throw new CoreError('CONFLICT', 'exports.errors.notReady');
  if (!core.exportFiles) throw new CoreError('CONFLICT', 'exports.errors.noDelivery');
  const delivered = await core.exportFiles.deliver({
    path: record.file,
    fileName: record.status.fileName,
    contentType: record.contentType,
  });
  if (delivered.kind !== 'cancelled') registry(core).delete(id);
  return delivered;
}

const stamp = (core: Core) => core.now().toISOString().slice(0, 10);

/** Writes a header and rows as CSV or Excel, in batches: progress between them, and a turn for a cancel to land. */
async function writeTable(
  file: string,
  format: TableFormat,
  sheetName: string,
  header: string[],
  rows: Iterable<Cell[]>,
  { signal, progress, total }: Pick<JobContext, 'signal' | 'progress'> & { total: number },
): Promise<number> {
  const out = format === 'csv' ? fs.createWriteStream(file, { mode: 0o600 }) : null;
  const csv = out ? new CsvWriter(out) : null;
  const xlsx = out ? null : new XlsxWriter(file, sheetName);
  let done = 0;
  let batch: Cell[][] = [];
  const flush = async () => {
    if (csv) await csv.rows(batch);
    else xlsx!.rows(batch);
    done += batch.length;
    batch = [];
    progress(done, total);
    await turn();
    signal.throwIfAborted();
  };
  try {
    if (csv) await csv.header(header);
    else xlsx!.header(header);
    for (const row of rows) {
      batch.push(row);
      if (batch.length === BATCH) await flush();
    }
    await flush();
  } finally {
    if (out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    else await xlsx!.finish();
  }
  return done;
}

/** A list as CSV or Excel: every row the filters match, streamed from the database to the file. */
export function startTable(core: Core, user: SessionUser, input: z.output<typeof tableExportInput>): ExportStatus {
  const query = tableQuery(user, input, core.now());
  const header = query.columns.map((column) => input.labels?.[columnLabelKey(column)] ?? column);
  return launch(core, user, {
    fileName: `${input.list}-${stamp(core)}.${input.format}`,
    contentType: contentTypes[input.format],
    audit: {
      action: 'exports.table',
      entity: input.list,
      clinicId: input.filters.clinicId ?? null,
      detail: { format: input.format, columns: input.columns, filters: input.filters },
    },
    async run({ file, signal, progress }) {
      // A connection of its own: reading here never blocks the core's other calls, and it sees one snapshot.
      const reader = openEncrypted(core.databaseFile, core.key, { readonly: true });
      try {
        reader.pragma('cache_size = -65536');
        reader.exec('begin');
        const total = countRows(reader, query);
        progress(0, total);
        return await writeTable(file, input.format, input.list, header, iterateRows(reader, query), { signal, progress, total });
      } finally {
        reader.close();
      }
    },
  });
}

/** A dashboard table as CSV or Excel: a few dozen rows, read now with the dashboard's filters, written as a job. */
export function startDashboardTable(core: Core, user: SessionUser, input: z.output<typeof dashboardExportInput>): ExportStatus {
  const { header, rows } = dashboardRows(core.store.sqlite, user, input);
  return launch(core, user, {
    fileName: `${input.table}-${stamp(core)}.${input.format}`,
    contentType: contentTypes[input.format],
    audit: {
      action: 'exports.table',
      entity: 'dashboard',
      clinicId: input.filters.clinicId ?? null,
      detail: { format: input.format, table: input.table, filters: input.filters },
    },
    run: ({ file, signal, progress }) =>
      writeTable(file, input.format, input.table, header, rows, { signal, progress, total: rows.length }),
  });
}

/** A printed report: the data is read now (so a refusal answers at once), then printed to PDF as a job. */
export function startReport(
  core: Core,
  user: SessionUser,
  document: PrintDocument,
  audit: { entity: string; clinicId: string | null; detail: Record<string, unknown> },
): ExportStatus {
  const printer = core.printer;
  if (!printer) throw new CoreError('CONFLICT', 'exports.errors.noPrinter');
  const rows = document.tables.reduce((sum, table) => sum + table.rows.length, 0);
  return launch(core, user, {
    fileName: `${document.page}-${stamp(core)}.pdf`,
    contentType: contentTypes.pdf,
    audit: { action: 'exports.report', ...audit },
    async run({ file, signal, progress }) {
      progress(0, rows);
      const pdf = await printer.print(document);
      signal.throwIfAborted();
      await fs.promises.writeFile(file, pdf, { mode: 0o600 });
      progress(rows, rows);
      return rows;
    },
  });
}
