/**
 * Export messages between the core's utility process and main: the core asks
 * main to print a report (hidden window, printToPDF) and to hand a finished
 * file to the user (save dialog). Kept apart from core-protocol.ts.
 */
import type { ExportDelivered, PrintDocument } from '../../common/exports';

/** Core → main. */
export type ExportRequest =
  { type: 'export-print'; id: number; document: PrintDocument } | { type: 'export-save'; id: number; path: string; fileName: string };

/** Main → core. */
export type ExportReply =
  | { type: 'export-print-reply'; id: number; pdf: Uint8Array | null; error: string | null }
  | { type: 'export-save-reply'; id: number; delivered: ExportDelivered | null; error: string | null };

const record = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isId = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
const isError = (value: unknown) => value === null || typeof value === 'string';

export function isExportRequest(value: unknown): value is ExportRequest {
  if (!record(value) || !isId(value.id)) return false;
  if (value.type === 'export-print') return record(value.document);
  if (value.type === 'export-save') return typeof value.path === 'string' && typeof value.fileName === 'string';
  return false;
}

export function isExportReply(value: unknown): value is ExportReply {
  if (!record(value) || !isId(value.id) || !isError(value.error)) return false;
  if (value.type === 'export-print-reply') return value.pdf === null || value.pdf instanceof Uint8Array;
  if (value.type === 'export-save-reply') return value.delivered === null || record(value.delivered);
  return false;
}
