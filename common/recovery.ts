import type { BackupInfo } from './backups';

/**
 * Whether the local store can be used. `damaged`: it cannot be opened, or it failed its integrity check
 * (then it is read-only); `notWritable`: the data folder cannot be written.
 */
export type StoreMode = 'ok' | 'damaged' | 'notWritable';

export interface RecoveryStatus {
  mode: StoreMode;
  /** The data folder, named so that an administrator knows where to look. */
  dataDir: string;
  /** SQLite's or the system's words for what failed (no data). */
  problems: string[];
  /** The newest backup in the data folder, not yet checked. */
  newestBackup: BackupInfo | null;
  /** A backup can be restored here: there are backups, and the key to read them. */
  canRestore: boolean;
  /** A damaged store of a connected computer can instead be downloaded again from its server. */
  redownload: Redownload | null;
}

export interface Redownload {
  serverUrl: string;
  /** Changes made on this computer that never reached the server, and would not come along; null when unreadable. */
  unsynced: number | null;
}

export interface RedownloadResult {
  /** The damaged file's name in the data folder, kept for support. */
  keptAs: string;
  unsynced: number | null;
}
