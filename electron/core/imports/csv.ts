import { parse } from 'csv-parse/sync';
import { CoreError } from '../errors';
import { decodeText } from './decode';
import type { RawRow } from './table';

const delimiters = [',', ';', '\t', '|'] as const;

/** Counts a delimiter on one line, outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** The delimiter that splits the first lines into the same, largest number of columns. */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== '')
    .slice(0, 20);
  let best: string = ',';
  let bestScore = 0;
  for (const delimiter of delimiters) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const common = mode(counts);
    if (common === 0) continue;
    const agreeing = counts.filter((c) => c === common).length / counts.length;
    const score = agreeing * 1000 + common;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function mode(values: number[]): number {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [value, count] of tally)
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  return best;
}

export function readCsv(bytes: Uint8Array): { encoding: string; delimiter: string; rows: RawRow[] } {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new CoreError('VALIDATION', 'imports.errors.unreadableCsv', undefined, { detail: (error as Error).message.slice(0, 200) });
  }
  return { encoding, delimiter, rows: records.map((cells, index) => ({ number: index + 1, cells })) };
}
