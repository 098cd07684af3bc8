import type { Sqlite } from '../../../db/open';

/**
 * An import writes its rows into indexes spread over the whole registry (names, search keys, full text), so
 * each batch dirties pages all over them, and every page written is encrypted, then decrypted and encrypted
 * again when the log is copied into the file. While an import runs, the connection keeps a larger page cache
 * (the indexes of a large registry stay decrypted in memory) and copies its log into the file every 64 MiB
 * instead of every 4 MiB, so that a page rewritten by many batches is copied once rather than after every
 * batch. Measured in bench/suites/import.ts.
 */
const IMPORT_CACHE_KIB = 262_144;
const IMPORT_CHECKPOINT_PAGES = 16_384;

const tuned = new WeakMap<Sqlite, { jobs: number; restore: () => void }>();

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
