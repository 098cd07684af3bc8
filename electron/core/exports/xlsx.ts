import ExcelJS from 'exceljs';
import type { Cell } from './cells';

/**
 * An Excel workbook written row by row (exceljs's streaming writer): each row
 * is committed to the file as it comes. Text is stored as text, never as a
 * formula, so no cell needs neutralising.
 */
export class XlsxWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;

  constructor(file: string, sheetName: string) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  }

  header(names: readonly string[]): void {
    const row = this.sheet.addRow(names);
    row.font = { bold: true };
    row.commit();
  }

  rows(rows: Cell[][]): void {
    for (const values of rows) this.sheet.addRow(values).commit();
  }

  async finish(): Promise<void> {
    this.sheet.commit();
    await this.workbook.commit();
  }
}
