import { count, eq } from 'drizzle-orm';
import type { SyncStatus } from '../../../common/sync';
import { outbox, syncState } from '../../../db/schema';
import type { Core } from '../core';

export function syncStatus(core: Core): SyncStatus {
  const { db } = core.store;
  const rows = db
    .select({ entity: outbox.entity, status: outbox.status, n: count() })
    .from(outbox)
    .groupBy(outbox.entity, outbox.status)
    .all();
  const state = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  const pending: Record<string, number> = {};
  let rejected = 0;
  for (const row of rows) {
    if (row.status === 'pending') pending[row.entity] = row.n;
    else rejected += row.n;
  }
  return { pending, rejected, lastSyncedAt: state?.lastSyncedAt ?? null, serverUrl: state?.serverUrl ?? null };
}
