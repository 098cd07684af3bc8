import { count, eq } from 'drizzle-orm';
import type { SessionUser } from '../../../common/account';
import { pushEntities, type ReportsIncomplete, type SyncStatus } from '../../../common/sync';
import { outbox, syncState } from '../../../db/schema';
import type { Core } from '../core';
import { summariesStale } from '../reports/summaries';
import { pendingAuditCount } from './audit';
import { syncEngine } from './engine';
import { reviewCounts } from './review';

const sent = new Set<string>(pushEntities);

/** This computer's sync state as `user` sees it: what waits to be sent is everyone's, what to review only theirs. */
export function syncStatus(core: Core, user: SessionUser): SyncStatus {
  const { db } = core.store;
  const rows = db
    .select({ entity: outbox.entity, n: count() })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .groupBy(outbox.entity)
    .all();
  const state = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  const pending: Record<string, number> = {};
  // Changes to tables the server owns (clinics, session types) stay on this computer: nothing waits for them.
  for (const row of rows) if (sent.has(row.entity)) pending[row.entity] = row.n;
  return {
    pending,
    pendingAudit: pendingAuditCount(core),
    lastSyncedAt: state?.lastSyncedAt ?? null,
    serverUrl: state?.serverUrl ?? null,
    lastVerifiedAt: state?.lastVerifiedAt ?? null,
    ...reviewCounts(core, user),
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
