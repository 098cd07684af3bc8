import ExcelJS from 'exceljs';
import { CoreError } from '../errors';
import type { RawRow } from './table';
import { checkZip } from './zip-guard';

type CellValue = ExcelJS.CellValue;

function isoOf(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  // exceljs reads Excel's local dates as UTC: a whole day has no time of day.
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * A cell as the text the user saw. Formulas are never evaluated: their cached
 * result is used, and a cell that merely looks like a formula stays text.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoOf(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('error' in value) return '';
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: CellValue }).text);
  }
  return '';
}

export interface Sheet {
  name: string;
  rows: RawRow[];
}

export async function readXlsx(bytes: Uint8Array): Promise<Sheet[]> {
  checkZip(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new CoreError('VALIDATION', 'imports.errors.notAWorkbook');
  }
  return workbook.worksheets
    .filter((sheet) => sheet.state === 'visible' || sheet.state === undefined)
    .map((sheet) => {
      const rows: RawRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          // The parts of a merged cell other than its top-left repeat its value: read them as empty.
          if (cell.type === ExcelJS.ValueType.Merge) return;
          cells[column - 1] = cellText(cell.value);
        });
        rows.push({ number, cells: Array.from(cells, (cell) => cell ?? '') });
      });
      return { name: sheet.name, rows };
    });
}
