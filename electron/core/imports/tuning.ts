import type { Sqlite } from '../../../db/open';

/**
 * An import writes its rows into indexes spread over the whole registry (names, search keys, full text), so
 * each batch dirties pages all over them, and every page written is encrypted, then decrypted and encrypted
 * again when the log is copied into the file. While an import runs, the connection keeps a larger page cache
 * (the indexes of a large registry stay decrypted in memory), and the log is copied into the file between
 * batches, every CHECKPOINT_BATCHES of them (copyLogIfDue), rather than inside the commit that crosses 4 MiB:
 * a page rewritten by many batches is copied once, and a query waits for a batch or a copy, never both.
 * 100,000 rows: about 4 s less CPU than copying every 64 MiB (bench/suites/import.ts).
 */
const IMPORT_CACHE_KIB = 262_144;
/** Batches between two copies: 12 batches of 2,000 records write 150 to 250 MiB of log. */
const CHECKPOINT_BATCHES = 12;
/** The commit that crosses this still copies the log (512 MiB), for a caller that never calls copyLogIfDue. */
const IMPORT_CHECKPOINT_PAGES = 131_072;

const tuned = new WeakMap<Sqlite, { jobs: number; batches: number; restore: () => void }>();

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
      batches: 0,
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

/** Call between batches, outside any transaction: copies the log into the file every CHECKPOINT_BATCHES batches. */
export function copyLogIfDue(sqlite: Sqlite): void {
  const entry = tuned.get(sqlite);
  if (!entry || ++entry.batches % CHECKPOINT_BATCHES !== 0) return;
  sqlite.pragma('wal_checkpoint(PASSIVE)');
}
