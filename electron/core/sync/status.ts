import { count, eq, isNull } from 'drizzle-orm';
import { pushEntities, type ReportsIncomplete, type SyncStatus } from '../../../common/sync';
import { conflicts, outbox, syncState } from '../../../db/schema';
import type { Core } from '../core';
import { summariesStale } from '../reports/summaries';
import { pendingAuditCount } from './audit';
import { syncEngine } from './engine';

const sent = new Set<string>(pushEntities);

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
    // Changes to tables the server owns (clinics, session types) stay on this computer: nothing waits for them.
    if (!sent.has(row.entity)) continue;
    if (row.status === 'pending') pending[row.entity] = row.n;
    else rejected += row.n;
  }
  const open = db.select({ n: count() }).from(conflicts).where(isNull(conflicts.resolvedAt)).get()!.n;
  return {
    pending,
    pendingAudit: pendingAuditCount(core),
    rejected,
    lastSyncedAt: state?.lastSyncedAt ?? null,
    serverUrl: state?.serverUrl ?? null,
    lastVerifiedAt: state?.lastVerifiedAt ?? null,
    conflicts: open,
    activity: { ...syncEngine(core).activity },
    reportsIncomplete: reportsIncomplete(core, state),
  };
}

export function reportsIncomplete(
  core: Core,
  state = core.store.db.select().from(syncState).where(eq(syncState.id, 1)).get(),
): ReportsIncomplete {
  if (state?.serverUrl && !state.lastSyncedAt) return 'firstSync';
  return summariesStale(core.store.sqlite) ? 'preparing' : null;
}
