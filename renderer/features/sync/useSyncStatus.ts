import type { SyncStatus } from '../../../common/sync';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';

/** `sync.status`, refreshed whenever the outbox, the conflicts or the engine's progress change. */
export function useSyncStatus() {
  return useLiveQuery(() => api.sync.status.query(), ['outbox', 'conflicts']);
}

export function pendingTotal(status: SyncStatus): number {
  return Object.values(status.pending).reduce((sum, n) => sum + n, 0);
}
