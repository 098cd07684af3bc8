import type { IntegrityStatus } from './integrity';

export interface Diagnostics {
  versions: Record<string, string>;
  dataDir: string;
  databaseBytes: number;
  schemaVersion: number;
  counts: Record<string, number>;
  lastSyncedAt: string | null;
  lastBackupAt: string | null;
  /** The last background integrity check of the store. */
  integrity: IntegrityStatus;
  /** The newest error and warning log entries, personal data already redacted. */
  recentErrors: Record<string, unknown>[];
}

/** The support zip, carried as base64: a few megabytes at most (logs are cut to their newest part). */
export interface DiagnosticsBundle {
  fileName: string;
  base64: string;
}
