import { z } from 'zod';
import { optionalText, requiredText } from './validation';

/** Files larger than this are refused before anything is read (a spreadsheet of 100,000 people is far smaller). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Bytes of the file per upload call, as base64: well under the transports' 16 MB message limit. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export const importKinds = ['beneficiaries', 'sessions'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The fields a column can fill, per kind of import. */
export const beneficiaryImportFields = [
  'givenName',
  'familyName',
  'otherNames',
  'sex',
  'birthDate',
  'estimatedAge',
  'nationalId',
  'phone',
  'address',
  'preferredLanguage',
  'consent',
  'consentDate',
  'tags',
  'notes',
] as const;
export const sessionImportFields = [
  'nationalId',
  'code',
  'date',
  'time',
  'type',
  'staff',
  'durationMinutes',
  'attendance',
  'outcome',
  'location',
  'notes',
] as const;
export type ImportField = (typeof beneficiaryImportFields)[number] | (typeof sessionImportFields)[number];
export const fieldsOf = (kind: ImportKind): readonly ImportField[] =>
  kind === 'beneficiaries' ? beneficiaryImportFields : sessionImportFields;

/** Column index (0-based, in the sheet's header row) for each mapped field; unmapped fields are absent. */
export const mappingSchema = z.record(z.string().max(40), z.number().int().min(0).max(1000));
export type Mapping = Partial<Record<ImportField, number>>;

export const dateOrders = ['auto', 'dmy', 'mdy'] as const;
export type DateOrder = (typeof dateOrders)[number];

export const uploadBegin = z.object({
  fileName: requiredText(255),
  size: z.number().int().min(1).max(MAX_IMPORT_BYTES, 'imports.errors.tooLarge'),
});
export const uploadChunk = z.object({
  uploadId: z.uuid(),
  offset: z.number().int().min(0).max(MAX_IMPORT_BYTES),
  // base64 of at most UPLOAD_CHUNK_BYTES.
  data: z
    .string()
    .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export const uploadFinish = z.object({ uploadId: z.uuid() });

export interface SheetInfo {
  name: string;
  /** 1-based row number of the header row in the sheet. */
  headerRow: number;
  headers: string[];
  /** Data rows (blank rows left out). */
  rowCount: number;
  /** The first few data rows as text, to recognise the sheet. */
  sample: string[][];
  /** Guessed from the headers, per kind. */
  guess: Record<ImportKind, Mapping>;
  /** The kind the headers look like. */
  likelyKind: ImportKind;
}

export interface ImportFile {
  fileId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  /** CSV: the encoding and delimiter found. */
  encoding: string | null;
  delimiter: string | null;
  sheets: SheetInfo[];
}

export const duplicateActions = ['skip', 'update', 'import'] as const;
export type DuplicateAction = (typeof duplicateActions)[number];

export const previewInput = z.object({
  fileId: z.uuid(),
  sheet: z.string().max(255),
  kind: z.enum(importKinds),
  mapping: mappingSchema,
  dateOrder: z.enum(dateOrders).default('auto'),
  clinicId: z.uuid('errors.required'),
  /** Past sessions: the zone their wall-clock times were written in. */
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'errors.invalid')
    .default('UTC'),
});
export type PreviewInput = z.input<typeof previewInput>;

export const decisionSchema = z.object({
  row: z.number().int().min(1),
  action: z.enum(duplicateActions),
  reason: optionalText(500),
});
export type Decision = z.input<typeof decisionSchema>;

export const startInput = previewInput.extend({
  /** What to do with each probable duplicate; rows without a decision are skipped. */
  decisions: z.array(decisionSchema).max(200_000).default([]),
});
export type StartInput = z.input<typeof startInput>;

/** Why one cell was refused: an i18n key, with the column it came from. */
export interface CellProblem {
  field: ImportField | 'row';
  column: string | null;
  message: string;
  value: string | null;
}

export interface DuplicateMatch {
  /** Of a record already in the registry, or of an earlier row of the same file. */
  of: 'existing' | 'file';
  reasons: ('nationalId' | 'name+birth' | 'phone')[];
  existingId: string | null;
  existingCode: string | null;
  existingName: string | null;
  /** The earlier row of the file. */
  row: number | null;
  /** What the user may choose: a national ID taken by someone else cannot be imported twice. */
  allowed: DuplicateAction[];
}

export interface PreviewRow {
  row: number;
  status: 'valid' | 'invalid' | 'duplicate';
  /** Enough to recognise the person or session. */
  label: string;
  problems: CellProblem[];
  duplicate: DuplicateMatch | null;
}

export interface ImportPreview {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  /** What the date cells say about day and month order; `ambiguous` means the user must choose. */
  detectedDateOrder: 'dmy' | 'mdy' | 'ambiguous' | 'none';
  /** Problem rows (invalid and duplicates), first ones only when there are many. */
  rows: PreviewRow[];
  rowsTruncated: boolean;
}

export const importStatuses = ['running', 'cancelled', 'interrupted', 'done', 'rollingBack', 'rolledBack'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export interface ImportCounts {
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
  pending: number;
  rolledBack: number;
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  sheet: string | null;
  /** `interrupted`: it was running when the app stopped; it can be resumed or rolled back. */
  status: ImportStatus;
  total: number;
  counts: ImportCounts;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export const importById = z.object({ id: z.uuid() });
export const importListInput = z.object({ limit: z.number().int().min(1).max(100).default(20) });

export interface ReportRow {
  row: number;
  outcome: 'imported' | 'updated' | 'skipped' | 'rejected' | 'pending' | 'rolledBack';
  recordCode: string | null;
  problems: CellProblem[];
}

export const reportInput = z.object({
  id: z.uuid(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10_000).default(10_000),
});

export const savedMappingInput = z.object({
  name: requiredText(80),
  kind: z.enum(importKinds),
  /** By header text, so a mapping fits any file with the same headers in another order. */
  columns: z.record(z.string().max(40), z.string().max(500)),
});
export type SavedMapping = z.output<typeof savedMappingInput>;
export const savedMappingName = z.object({ name: requiredText(80) });
