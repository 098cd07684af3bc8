/** One row of a sheet as text, with its row number in the sheet (1-based). */
export interface RawRow {
  number: number;
  cells: string[];
}

/** A sheet ready to map: its header row, and its data rows without blank ones. */
export interface Table {
  name: string;
  headerRow: number;
  headers: string[];
  rows: RawRow[];
}

const filled = (cells: string[]) => cells.filter((cell) => cell.trim() !== '').length;

/**
 * The header row is the first of the top rows with the most filled cells: a
 * title above it (often merged across the columns) fills fewer.
 */
export function toTable(name: string, raw: RawRow[]): Table {
  const rows = raw
    .map((row) => ({ number: row.number, cells: row.cells.map((cell) => cell.trim()) }))
    .filter((row) => filled(row.cells) > 0);
  const top = rows.slice(0, 20);
  let header = top[0];
  for (const row of top) if (filled(row.cells) > filled(header!.cells)) header = row;
  if (!header) return { name, headerRow: 1, headers: [], rows: [] };
  const width = Math.max(...rows.map((row) => row.cells.length));
  const headers = Array.from({ length: width }, (_, i) => header.cells[i] ?? '');
  return { name, headerRow: header.number, headers, rows: rows.filter((row) => row.number > header.number) };
}
