import { CoreError } from '../errors';

/** Work an update must never cut short. Sync, export and import register here when they start. */
export type JobKind = 'sync' | 'export' | 'import';

export interface RunningJob {
  id: number;
  kind: JobKind;
  startedAt: string;
  /** Progress, once the job reports it: units done of `total` (null while uncounted). */
  done?: number;
  total?: number | null;
}

/** A running job: it reports progress, stops when `signal` aborts (a user's cancel), and calls `end()` however it finishes. */
export interface JobHandle {
  id: number;
  signal: AbortSignal;
  progress(done: number, total: number | null): void;
  end(): void;
}

export interface RunningJobs {
  /** Registers a job; call `end()` however it finishes. Refused (CONFLICT) once an update is about to install. */
  begin(kind: JobKind): JobHandle;
  list(): RunningJob[];
  /** Asks a running job to stop (it sees its signal abort); false if no such job runs. */
  cancel(id: number): boolean;
  /**
   * Claims the app for an update: refused (CONFLICT, naming the jobs) while any job runs; once
   * claimed, no job starts until `release()` (called only when the update does not go ahead after all).
   */
  claimForUpdate(): { release(): void };
}

export function runningJobs(now: () => Date): RunningJobs {
  const running = new Map<number, RunningJob>();
  const controllers = new Map<number, AbortController>();
  let lastId = 0;
  let claimed = false;
  return {
    begin(kind) {
      if (claimed) throw new CoreError('CONFLICT', 'updates.errors.installing');
      const id = ++lastId;
      const job: RunningJob = { id, kind, startedAt: now().toISOString() };
      const controller = new AbortController();
      running.set(id, job);
      controllers.set(id, controller);
      return {
        id,
        signal: controller.signal,
        progress(done, total) {
          job.done = done;
          job.total = total;
        },
        end() {
          running.delete(id);
          controllers.delete(id);
        },
      };
    },
    list: () => [...running.values()].map((job) => ({ ...job })),
    cancel(id) {
      const controller = controllers.get(id);
      controller?.abort();
      return controller !== undefined;
    },
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
