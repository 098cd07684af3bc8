import { z } from 'zod';

export const backupKinds = ['manual', 'daily', 'pre-migration', 'pre-restore', 'pre-merge', 'pre-update'] as const;
export type BackupKind = (typeof backupKinds)[number];

/** A backup is named by its file in the backup folder; no paths cross the boundary. */
export const backupName = z.string().regex(/^outpost-[0-9TZ-]+-[a-z-]+\.db$/, 'backups.errors.name');

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  at: string;
  bytes: number;
}

export interface BackupContents {
  name: string;
  schemaVersion: number;
  beneficiaries: number;
  sessions: number;
  /** The newest audit entry: the last change the backup holds. */
  lastChange: string | null;
}
