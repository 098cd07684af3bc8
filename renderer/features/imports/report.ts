import type { TFunction } from 'i18next';
import type { CellProblem, ImportSummary, ReportRow } from '../../../common/imports';
import { api } from '../../api/client';
import { translateMessage } from '../../i18n';

/** "Column: what is wrong (value)", in the user's language. */
export function describeProblem(problem: CellProblem, t: TFunction): string {
  const message = translateMessage(problem.message);
  const where = problem.column ?? (problem.field === 'row' ? null : t(`imports.fields.${problem.field}`));
  const value = problem.value ? ` (${problem.value})` : '';
  if (problem.message === 'imports.reasons.duplicateInFile') return t('imports.reasons.duplicateInFileRow', { row: problem.value });
  if (problem.message === 'imports.reasons.duplicateExisting')
    return t('imports.reasons.duplicateExistingCode', { code: problem.value ?? '' });
  return where ? `${where}: ${message}${value}` : `${message}${value}`;
}

const quote = (cell: string) => {
  // Text starting like a formula is prefixed so a spreadsheet shows it rather than runs it.
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every row of the import with what happened to it and why, as a CSV file the user downloads. */
export async function downloadReport(summary: ImportSummary, t: TFunction): Promise<void> {
  const rows: ReportRow[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await api.imports.report.query({ id: summary.id, offset, limit: 10_000 });
    rows.push(...page);
    if (page.length < 10_000) break;
  }
  const header = [t('imports.report.row'), t('imports.report.outcome'), t('imports.report.code'), t('imports.report.reasons')];
  const lines = [
    header,
    ...rows.map((r) => [
      String(r.row),
      t(`imports.outcomes.${r.outcome}`),
      r.recordCode ?? '',
      r.problems.map((p) => describeProblem(p, t)).join('; '),
    ]),
  ];
  const text = '\ufeff' + lines.map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${summary.fileName.replace(/\.[^.]+$/, '')}-import-report.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
