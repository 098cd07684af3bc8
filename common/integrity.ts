/**
 * The background integrity check of the local store (PRAGMA quick_check, run off the core's thread).
 * `damaged`: the check found damage or could not read the file; `error`: the check itself could not run.
 */
export type IntegrityState = 'pending' | 'running' | 'ok' | 'damaged' | 'error';

export interface IntegrityStatus {
  state: IntegrityState;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** SQLite's own words for what is wrong (first few lines); no row data. */
  problems: string[];
}

export const integrityNotRun: IntegrityStatus = { state: 'pending', startedAt: null, finishedAt: null, durationMs: null, problems: [] };
