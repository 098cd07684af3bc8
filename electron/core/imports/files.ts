import { v7 as uuidv7 } from 'uuid';
import { type ImportFile, MAX_IMPORT_BYTES } from '../../../common/imports';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { readCsv } from './csv';
import { guessMapping, likelyKind } from './guess';
import { type Table, toTable } from './table';
import { readXlsx } from './xlsx';

/**
 * Files being uploaded and files read, held in the core's memory only (the
 * data folder is encrypted; a plain copy of a spreadsheet must not land there).
 * Each belongs to the user who sent it and is forgotten after an hour.
 */
interface Upload {
  userId: string;
  fileName: string;
  bytes: Uint8Array;
  received: number;
  at: number;
}
export interface ReadFile {
  userId: string;
  info: ImportFile;
  tables: Map<string, Table>;
  at: number;
}

const KEEP_MS = 60 * 60 * 1000;
const uploads = new WeakMap<Core, Map<string, Upload>>();
const files = new WeakMap<Core, Map<string, ReadFile>>();

function mapOf<T>(store: WeakMap<Core, Map<string, T>>, core: Core): Map<string, T> {
  let map = store.get(core);
  if (!map) store.set(core, (map = new Map()));
  const cutoff = Date.now() - KEEP_MS;
  for (const [id, entry] of map) if ((entry as { at: number }).at < cutoff) map.delete(id);
  return map;
}

export function beginUpload(core: Core, userId: string, fileName: string, size: number): { uploadId: string } {
  if (size > MAX_IMPORT_BYTES) throw new CoreError('VALIDATION', 'imports.errors.tooLarge');
  const uploadId = uuidv7();
  mapOf(uploads, core).set(uploadId, { userId, fileName, bytes: new Uint8Array(size), received: 0, at: Date.now() });
  return { uploadId };
}

function upload(core: Core, userId: string, uploadId: string): Upload {
  const entry = mapOf(uploads, core).get(uploadId);
  if (!entry || entry.userId !== userId) throw new CoreError('NOT_FOUND', 'imports.errors.uploadNotFound');
  return entry;
}

export function receiveChunk(core: Core, userId: string, uploadId: string, offset: number, base64: string): { received: number } {
  const entry = upload(core, userId, uploadId);
  const chunk = Buffer.from(base64, 'base64');
  if (offset !== entry.received || offset + chunk.length > entry.bytes.length)
    throw new CoreError('VALIDATION', 'imports.errors.uploadOutOfOrder');
  entry.bytes.set(chunk, offset);
  entry.received += chunk.length;
  entry.at = Date.now();
  return { received: entry.received };
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the whole upload: a workbook (by its zip signature, whatever the name says) or CSV text. */
export async function finishUpload(core: Core, userId: string, uploadId: string): Promise<ImportFile> {
  const entry = upload(core, userId, uploadId);
  mapOf(uploads, core).delete(uploadId);
  if (entry.received !== entry.bytes.length) throw new CoreError('VALIDATION', 'imports.errors.uploadIncomplete');
  return readBytes(core, userId, entry.fileName, entry.bytes);
}

export async function readBytes(core: Core, userId: string, fileName: string, bytes: Uint8Array): Promise<ImportFile> {
  let tables: Table[];
  let encoding: string | null = null;
  let delimiter: string | null = null;
  let format: ImportFile['format'];
  if (isZip(bytes)) {
    format = 'xlsx';
    tables = (await readXlsx(bytes)).map((sheet) => toTable(sheet.name, sheet.rows));
  } else if (/\.xls[xm]?$/i.test(fileName)) {
    throw new CoreError('VALIDATION', 'imports.errors.notAWorkbook');
  } else {
    format = 'csv';
    const csv = readCsv(bytes);
    ({ encoding, delimiter } = csv);
    tables = [toTable(fileName.replace(/\.[^.]+$/, ''), csv.rows)];
  }
  tables = tables.filter((table) => table.headers.length > 0);
  if (tables.length === 0) throw new CoreError('VALIDATION', 'imports.errors.empty');
  // One file at a time per user: a new one replaces what they read before.
  for (const [id, entry] of mapOf(files, core)) if (entry.userId === userId) forgetFile(core, id);
  const fileId = uuidv7();
  const info: ImportFile = {
    fileId,
    fileName,
    format,
    encoding,
    delimiter,
    sheets: tables.map((table) => ({
      name: table.name,
      headerRow: table.headerRow,
      headers: table.headers,
      rowCount: table.rows.length,
      sample: table.rows.slice(0, 5).map((row) => table.headers.map((_, i) => (row.cells[i] ?? '').slice(0, 200))),
      guess: { beneficiaries: guessMapping(table.headers, 'beneficiaries'), sessions: guessMapping(table.headers, 'sessions') },
      likelyKind: likelyKind(table.headers),
    })),
  };
  mapOf(files, core).set(fileId, { userId, info, tables: new Map(tables.map((t) => [t.name, t])), at: Date.now() });
  return info;
}

export function readFile(core: Core, userId: string, fileId: string): ReadFile {
  const entry = mapOf(files, core).get(fileId);
  if (!entry || entry.userId !== userId) throw new CoreError('NOT_FOUND', 'imports.errors.fileNotFound');
  entry.at = Date.now();
  return entry;
}

export function table(core: Core, userId: string, fileId: string, sheet: string): { file: ReadFile; table: Table } {
  const file = readFile(core, userId, fileId);
  const found = file.tables.get(sheet);
  if (!found) throw new CoreError('NOT_FOUND', 'imports.errors.sheetNotFound');
  return { file, table: found };
}

export function forgetFile(core: Core, fileId: string): void {
  mapOf(files, core).delete(fileId);
}
