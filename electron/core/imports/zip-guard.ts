import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { CoreError } from '../errors';

// A real workbook of 100,000 people unpacks to tens of megabytes; these bounds
// leave room for that and stop zip bombs before anything is held in memory.
export const ZIP_LIMITS = {
  entries: 5000,
  entryBytes: 150 * 1024 * 1024,
  totalBytes: 300 * 1024 * 1024,
  /** Spreadsheet XML shrinks 10 to 20 times in a zip; a hundred times is already suspicious. */
  ratio: 100,
  sharedStrings: 2_000_000,
};

const tooBig = () => new CoreError('VALIDATION', 'imports.errors.zipTooLarge');

/**
 * Checks a workbook's zip before the spreadsheet library opens it: first the
 * sizes the central directory declares, then the real sizes, by inflating
 * each entry into nothing and stopping at the first byte over a limit (the
 * declared sizes of a crafted file can lie). Also counts shared strings.
 */
export function checkZip(bytes: Uint8Array): void {
  let declared = 0;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter(file) {
        entries++;
        declared += file.originalSize;
        if (entries > ZIP_LIMITS.entries || file.originalSize > ZIP_LIMITS.entryBytes || declared > ZIP_LIMITS.totalBytes) throw tooBig();
        return false;
      },
    });
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('VALIDATION', 'imports.errors.notAWorkbook');
  }

  const totalLimit = Math.min(ZIP_LIMITS.totalBytes, Math.max(20 * 1024 * 1024, bytes.length * ZIP_LIMITS.ratio));
  let total = 0;
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    let size = 0;
    const counting = file.name === 'xl/sharedStrings.xml';
    let strings = 0;
    let carry = 0;
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) {
        failure = new CoreError('VALIDATION', 'imports.errors.notAWorkbook');
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > ZIP_LIMITS.entryBytes || total > totalLimit) {
        failure = tooBig();
        file.terminate();
        return;
      }
      if (counting) {
        ({ strings, carry } = countStrings(chunk, strings, carry));
        if (strings > ZIP_LIMITS.sharedStrings) {
          failure = new CoreError('VALIDATION', 'imports.errors.tooManyStrings');
          file.terminate();
        }
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Small pieces: fflate inflates a whole piece at once, and a 16 KB piece inflates to at most about 16 MB.
  const step = 16 * 1024;
  for (let offset = 0; offset < bytes.length && !failure; offset += step) {
    unzip.push(bytes.subarray(offset, offset + step), offset + step >= bytes.length);
  }
  if (failure) throw failure;
}

const LT = 0x3c;
const S = 0x73;
const I = 0x69;
const GT = 0x3e;
const SPACE = 0x20;

/**
 * Counts "<si>" and "<si " (one per shared string) in a chunk. `carry` is how
 * much of "<si" the previous chunk ended with (0 to 3), so a tag split
 * between chunks counts once.
 */
function countStrings(chunk: Uint8Array, strings: number, carry: number): { strings: number; carry: number } {
  let state = carry;
  for (let i = 0; i < chunk.length; i++) {
    const byte = chunk[i];
    if (state === 3) {
      if (byte === GT || byte === SPACE) strings++;
      state = byte === LT ? 1 : 0;
    } else if (byte === LT) state = 1;
    else if (state === 1 && byte === S) state = 2;
    else if (state === 2 && byte === I) state = 3;
    else state = 0;
  }
  return { strings, carry: state };
}
