export interface SyncStatus {
  /** Pending outbox entries per entity. */
  pending: Record<string, number>;
  rejected: number;
  lastSyncedAt: string | null;
  serverUrl: string | null;
}
