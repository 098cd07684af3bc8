import { CoreError } from '../errors';

/** Work an update must never cut short. Sync, export and import register here when they start. */
export type JobKind = 'sync' | 'export' | 'import';

export interface RunningJob {
  id: number;
  kind: JobKind;
  startedAt: string;
}

export interface RunningJobs {
  /** Registers a job; call `end()` however it finishes. Refused (CONFLICT) once an update is about to install. */
  begin(kind: JobKind): { end(): void };
  list(): RunningJob[];
  /**
   * Claims the app for an update: refused (CONFLICT, naming the jobs) while any job runs; once
   * claimed, no job starts until `release()` (called only when the update does not go ahead after all).
   */
  claimForUpdate(): { release(): void };
}

export function runningJobs(now: () => Date): RunningJobs {
  const running = new Map<number, RunningJob>();
  let lastId = 0;
  let claimed = false;
  return {
    begin(kind) {
      if (claimed) throw new CoreError('CONFLICT', 'updates.errors.installing');
      const id = ++lastId;
      running.set(id, { id, kind, startedAt: now().toISOString() });
      return { end: () => void running.delete(id) };
    },
    list: () => [...running.values()],
    claimForUpdate() {
      if (running.size > 0) {
        const kinds = [...new Set([...running.values()].map((job) => job.kind))];
        throw new CoreError('CONFLICT', 'updates.errors.busy', undefined, { running: kinds });
      }
      if (claimed) throw new CoreError('CONFLICT', 'updates.errors.installing');
      claimed = true;
      return { release: () => void (claimed = false) };
    },
  };
}
