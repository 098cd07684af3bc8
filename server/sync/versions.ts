import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../store/open';

// Every transaction that stamps versions holds this lock until it commits, so
// versions become visible in the order they were taken: a puller that sees
// version N has seen every version below N (SYNC.md guarantee 5).
const writerLock = 7_041_978;

export async function lockWriters(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${writerLock})`);
}

export async function nextVersion(tx: Tx): Promise<number> {
  const [row] = rowsOf<{ v: string | number }>(await tx.execute(sql`select nextval('row_version') as v`));
  return Number(row!.v);
}

/**
 * Versions for a whole batch from one round trip: the writer lock is held, so
 * nobody else takes from the counter until `save` moves it past the last one
 * handed out, in the same transaction.
 */
export class VersionClock {
  private constructor(private last: number) {}

  static async start(tx: Tx): Promise<VersionClock> {
    return new VersionClock((await nextVersion(tx)) - 1);
  }

  next(): number {
    return ++this.last;
  }

  async save(tx: Tx): Promise<void> {
    await tx.execute(sql`select setval('row_version', greatest(${this.last}, (select last_value from row_version)))`);
  }
}
