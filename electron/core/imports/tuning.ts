import type { Sqlite } from '../../../db/open';

/**
 * An import writes its rows into indexes spread over the whole registry (names, search keys, full text), so
 * each batch dirties pages all over them, and every page written is encrypted, then decrypted and encrypted
 * again when the log is copied into the file. While an import runs, the connection keeps a larger page cache
 * (the indexes of a large registry stay decrypted in memory), and the log is copied into the file between
 * batches, every CHECKPOINT_ROWS rows (copyLogIfDue), rather than inside the commit that crosses 4 MiB:
 * a page rewritten by many batches is copied once, and a query waits for a batch or a copy, never both.
 * 100,000 rows: about 4 s less CPU than copying every 64 MiB (bench/suites/import.ts).
 */
const IMPORT_CACHE_KIB = 262_144;
/** Rows written between two copies: 24,000 records write 150 to 250 MiB of log. */
const CHECKPOINT_ROWS = 24_000;
/** The commit that crosses this still copies the log (512 MiB), for a caller that never calls copyLogIfDue. */
const IMPORT_CHECKPOINT_PAGES = 131_072;

const tuned = new WeakMap<Sqlite, { jobs: number; rows: number; restore: () => void }>();

/** Tunes the connection for an import until the returned function is called; overlapping imports share one tuning. */
export function tuneForImport(sqlite: Sqlite): () => void {
  let entry = tuned.get(sqlite);
  if (!entry) {
    const cache = sqlite.pragma('cache_size', { simple: true }) as number;
    const checkpoint = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
    sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    sqlite.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
    entry = {
      jobs: 0,
      rows: 0,
      restore: () => {
        sqlite.pragma(`cache_size = ${cache}`);
        sqlite.pragma(`wal_autocheckpoint = ${checkpoint}`);
        // The log the import left is copied now, not by whichever write comes next.
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      },
    };
    tuned.set(sqlite, entry);
  }
  const current = entry;
  current.jobs++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--current.jobs > 0) return;
    tuned.delete(sqlite);
    // A connection closed meanwhile (a restore replaced the store) has nothing to put back.
    if (sqlite.open) current.restore();
  };
}

/** Call between batches, outside any transaction, with the rows the batch wrote: copies the log into the file every CHECKPOINT_ROWS rows. */
export function copyLogIfDue(sqlite: Sqlite, rows: number): void {
  const entry = tuned.get(sqlite);
  if (!entry) return;
  entry.rows += rows;
  if (entry.rows < CHECKPOINT_ROWS) return;
  entry.rows = 0;
  sqlite.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * The time a batch should take: other calls (a search, progress, a cancel) wait for at most one batch, so it stays
 * under a second; each commit costs about a third of a second of index pages, so not much less.
 */
const BATCH_TARGET_MS = 850;
const MIN_BATCH_ROWS = 200;
const MAX_BATCH_ROWS = 20_000;

/**
 * Rows per batch sized by time, not by count: each commit writes (encrypted) every index page its rows touched,
 * and new records land all over the name indexes, so the fewer the commits the fewer pages written. The first
 * batch has `first` rows; each full batch then sizes the next one to take about BATCH_TARGET_MS, growing by
 * half at most (a batch's time is not quite proportional to its rows) and shrinking at once on a busy machine.
 */
export function batchSizer(first: number): { rows: number; took(written: number, ms: number): void } {
  return {
    rows: first,
    took(written, ms) {
      // A short batch (the last one) says little about the next.
      if (written < this.rows) return;
      const fits = Math.round((written * BATCH_TARGET_MS) / Math.max(ms, 1));
      this.rows = Math.max(MIN_BATCH_ROWS, Math.min(MAX_BATCH_ROWS, Math.round(this.rows * 1.5), fits));
    },
  };
}
