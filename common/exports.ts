import { z } from 'zod';
import { listInput } from './beneficiaries';
import { dashboardInput, demographicBands, demographicSexes } from './reports';
import { sessionListInput } from './sessions';
import type { ReportsIncomplete } from './sync';

/** Lists that export as a table (CSV or Excel), each with the columns a user may pick. */
export const exportColumns = {
  beneficiaries: [
    'code',
    'givenName',
    'familyName',
    'otherNames',
    'sex',
    'birthDate',
    'birthDateEstimated',
    'nationalId',
    'phone',
    'status',
    'clinic',
    'createdAt',
  ],
  sessions: ['scheduledAt', 'type', 'staff', 'clinic', 'location', 'durationMinutes', 'status', 'attendees', 'attended', 'followUpDate'],
  attendance: ['scheduledAt', 'type', 'staff', 'clinic', 'sessionStatus', 'beneficiaryCode', 'beneficiaryName', 'attendance', 'outcome'],
} as const;
export type ExportList = keyof typeof exportColumns;
export const exportLists = Object.keys(exportColumns) as ExportList[];
export type ExportColumn<L extends ExportList> = (typeof exportColumns)[L][number];

export const tableFormats = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof tableFormats)[number];

// The list's own filters, without paging: an export takes every matching row.
const beneficiaryFilters = listInput.omit({ offset: true, limit: true });
const sessionFilters = sessionListInput.omit({ offset: true, limit: true });

const columnsOf = <L extends ExportList>(list: L) =>
  z
    .array(z.enum(exportColumns[list] as unknown as [ExportColumn<L>, ...ExportColumn<L>[]]))
    .min(1, 'exports.errors.noColumns')
    .refine((columns) => new Set(columns).size === columns.length, 'exports.errors.duplicateColumns');

/**
 * Header words in the user's language: i18n key → translated text, from the
 * renderer (the core has no translations). Without them, headers are the
 * stable field keys, for scripts.
 */
export const exportLabels = z
  .record(z.string().regex(/^[\w.+-]{1,80}$/), z.string().max(200))
  .refine((labels) => Object.keys(labels).length <= 100, 'errors.invalid')
  .optional();
export type ExportLabels = z.output<typeof exportLabels>;

/** The i18n key of a list column's header. */
export const columnLabelKey = (column: string) => `exports.columns.${column}`;

export const tableExportInput = z.discriminatedUnion('list', [
  z.object({
    list: z.literal('beneficiaries'),
    format: z.enum(tableFormats),
    columns: columnsOf('beneficiaries'),
    filters: beneficiaryFilters,
    labels: exportLabels,
  }),
  z.object({
    list: z.literal('sessions'),
    format: z.enum(tableFormats),
    columns: columnsOf('sessions'),
    filters: sessionFilters,
    labels: exportLabels,
  }),
  z.object({
    list: z.literal('attendance'),
    format: z.enum(tableFormats),
    columns: columnsOf('attendance'),
    filters: sessionFilters,
    labels: exportLabels,
  }),
]);
export type TableExportInput = z.input<typeof tableExportInput>;

/** The dashboard's tables (each chart's Table view), exported as shown with the dashboard's filters. */
export const dashboardTables = ['sessionsByWeek', 'attendanceByWeek', 'registrationsByMonth', 'demographics', 'sessionsByStaff'] as const;
export type DashboardTable = (typeof dashboardTables)[number];

/** Every i18n key a dashboard table's headers and row labels use, with the field key written when no labels are given. */
export const dashboardLabelKeys: Record<string, string> = {
  'reports.charts.weekOf': 'week',
  'reports.charts.total': 'total',
  'reports.charts.attended': 'attended',
  'reports.charts.marked': 'marked',
  'exports.dashboard.attendancePercent': 'attendancePercent',
  'reports.charts.month': 'month',
  'reports.charts.registrations': 'registrations',
  'reports.charts.ageBand': 'ageBand',
  'reports.charts.staff': 'staff',
  'reports.charts.sessions': 'sessions',
  'reports.charts.formerStaff': '',
  ...Object.fromEntries(demographicSexes.map((sex) => [`beneficiaries.sex.${sex}`, sex])),
  ...Object.fromEntries(demographicBands.map((band) => [`reports.bands.${band}`, band])),
};

export const dashboardExportInput = z.object({
  table: z.enum(dashboardTables),
  format: z.enum(tableFormats),
  filters: dashboardInput,
  labels: exportLabels,
});
export type DashboardExportInput = z.input<typeof dashboardExportInput>;

export const printPages = ['monthly', 'beneficiaries', 'sessions', 'case'] as const;
export type PrintPage = (typeof printPages)[number];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.date');

export const printLocales = ['en', 'fr', 'ar'] as const;
export type PrintLocale = (typeof printLocales)[number];
const locale = z.enum(printLocales).default('en');

/** The printed reports of lists: a month's activity, the beneficiary list, the session log. */
export const reportExportInput = z.discriminatedUnion('page', [
  z.object({ page: z.literal('monthly'), month, clinicId: z.uuid().nullish(), locale }),
  z.object({ page: z.literal('beneficiaries'), filters: beneficiaryFilters, locale }),
  z.object({ page: z.literal('sessions'), filters: sessionFilters, locale }),
]);
export type ReportExportInput = z.input<typeof reportExportInput>;

/** One person's case summary: a staff member may print it for a referral. */
export const caseExportInput = z.object({ beneficiaryId: z.uuid(), locale });
export type CaseExportInput = z.input<typeof caseExportInput>;

export const exportById = z.object({ id: z.uuid() });

export type ExportState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the renderer polls: a progress bar, then a file to hand over. */
export interface ExportStatus {
  id: string;
  state: ExportState;
  /** Rows written so far (a PDF counts its rows once the data is read). */
  done: number;
  /** Rows the export will hold, once counted. */
  total: number | null;
  fileName: string;
  /** An i18n key, when it failed. */
  error: string | null;
}

/** How the finished file reached the user: a download link (web host), or a save dialog (desktop). */
export type ExportDelivered = { kind: 'download'; url: string } | { kind: 'saved'; path: string } | { kind: 'cancelled' };

/** The rows printed in a report table are capped; the report says when there were more. */
export const printRowLimit = 5000;

/** One line of what a report covers: a value (an i18n key under `values` when set), or a period of two dates. */
export interface PrintScope {
  label: string;
  value?: string;
  values?: string;
  period?: [string | null, string | null];
}

/** How a cell prints: as text, a number, a date, a date and time, or an i18n key under `values`. */
export interface PrintColumn {
  label: string;
  kind?: 'text' | 'number' | 'date' | 'dateTime';
  values?: string;
}

export interface PrintHeader {
  organisation: string;
  /** The clinic the report covers, or null for every clinic the user sees. */
  clinic: string | null;
  /** What the report covers (a period, filters, a person): an i18n key and its value. */
  scope: PrintScope[];
  generatedAt: string;
  generatedBy: string;
  /** Printed while the records on this computer were still incomplete: the page says so. */
  incomplete: ReportsIncomplete;
}

export interface PrintTable {
  /** i18n keys for the caption and the column headers; cells are data, printed as text. */
  caption: string;
  columns: PrintColumn[];
  rows: (string | number | null)[][];
  /** Rows matching, when more than are printed. */
  total: number;
  /** A last row of totals, if the table has one. */
  footer?: (string | number | null)[];
}

export interface PrintChart {
  kind: 'stackedBars' | 'line' | 'bars';
  caption: string;
  /** x labels, then one series per name: the same shape recharts takes. */
  data: Record<string, string | number | null>[];
  xKey: string;
  series: { key: string; label: string; color: string }[];
}

export interface PrintDocument {
  page: PrintPage;
  locale: PrintLocale;
  direction: 'ltr' | 'rtl';
  title: string;
  header: PrintHeader;
  /** Headline numbers: label (i18n key), value, and the previous period's value when compared; rates are 0..1. */
  figures: { label: string; value: number | null; previous?: number | null; percent?: boolean }[];
  /** Label/value pairs (a person's details). */
  details: (PrintColumn & { value: string | number | null })[];
  charts: PrintChart[];
  tables: PrintTable[];
}
