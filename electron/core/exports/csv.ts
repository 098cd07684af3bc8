import type { WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { type Cell, neutralise } from './cells';

const options = {
  // RFC 4180: CRLF between records, fields quoted when they hold a comma, a quote or a line break.
  record_delimiter: 'windows',
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false') },
} as const;

/** Writes rows as CSV in batches, waiting on the stream when it is full: never the whole file in memory. */
export class CsvWriter {
  private started = false;

  constructor(private readonly out: WriteStream) {}

  /** UTF-8 with a byte-order mark, so Excel reads accents and Arabic right, then the header row (names can be user data: a type's name). */
  async header(names: readonly string[]): Promise<void> {
    this.started = true;
    await this.write('\uFEFF' + stringify([names.map(neutralise)], options));
  }

  async rows(rows: Cell[][]): Promise<void> {
    if (!this.started) throw new Error('CSV header first');
    if (rows.length > 0)
      await this.write(
        stringify(
          rows.map((row) => row.map(neutralise)),
          options,
        ),
      );
  }

  private write(text: string): Promise<void> {
    if (this.out.write(text, 'utf8')) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.out.once('error', onError);
      this.out.once('drain', () => {
        this.out.off('error', onError);
        resolve();
      });
    });
  }
}
