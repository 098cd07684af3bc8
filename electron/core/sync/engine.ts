import { pullEntities, type ChecksumResponse, type PullEntity, type PullResponse, type SyncActivity } from '../../../common/sync';
import { indexesSetAside, restoreIndexSteps, setIndexesAside } from '../../../db/indexes';
import { statement } from '../../../db/statements';
import type { Core } from '../core';
import { rebuildSummariesInSteps, summariesStale } from '../reports/summaries';
import { applyPage, MassDeleteError } from './apply';
import { localChecksum, rebuildDigest } from './checksum';
import { endpoints, request, SyncHttpError, type Timing } from './http';
import { acknowledgeAudit, nextAuditBatch } from './audit';
import { acknowledge, nextBatch, pendingCount } from './outbox';
import { tokensForThisDevice } from './device-move';
import { clearTokens, readTokens, storeTokens, type Tokens } from './tokens';

export interface EngineOptions {
  /** Between background syncs while the app runs. */
  intervalMs?: number;
  batchSize?: number;
  pageSize?: number;
  /** 0..1, for the backoff's jitter; tests fix it. */
  random?: () => number;
  /** Per request; a slower answer is treated as lost and retried. */
  timeoutMs?: number;
  /** Schedule retries with backoff after transient failures (off in tests that drive each attempt). */
  retry?: boolean;
}

export interface SyncOutcome {
  ok: boolean;
  error?: { code: string; message: string };
}

/** Pages applied in one transaction during a bulk pull (see `pull`). */
const BULK_PAGES = 10;
/** The tables a bulk pull writes without their secondary indexes (db/indexes.ts): a first sync's millions of rows. */
const bulkTables = ['beneficiaries', 'sessions', 'session_attendees'];

/** Consecutive pages as one: their changes and conflicts in order, the last one's cursor. */
function joinPages(pages: PullResponse[]): PullResponse {
  if (pages.length === 1) return pages[0]!;
  return { ...pages.at(-1)!, changes: pages.flatMap((p) => p.changes), conflicts: pages.flatMap((p) => p.conflicts) };
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Exponential, from 1 s doubling to 5 min, with jitter so that a clinic's devices do not retry in step. */
export function backoffMs(failures: number, random: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(MIN_BACKOFF_MS, Math.round(ceiling * (0.5 + random / 2)));
}

class StopSync extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The client half of SYNC.md: push the outbox, pull until caught up, then verify with checksums.
 * One sync at a time; every step's position is in the database, so a failed run resumes where it stopped.
 */
export class SyncEngine {
  readonly activity: SyncActivity = {
    phase: 'idle',
    pushed: 0,
    pulled: 0,
    pullTotal: null,
    error: null,
    nextAttemptAt: null,
    massDelete: null,
  };
  private running: Promise<SyncOutcome> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;
  private allowMassDelete = false;
  private batchSize: number;
  private readonly abort = new AbortController();
  /**
   * Read once a job and dropped at its end: a request then leaves at once, not after a trip to the secret store
   * (main's keyring, in the app).
   */
  private tokens: Promise<Tokens> | null = null;

  constructor(
    private readonly core: Core,
    private readonly options: EngineOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
  }

  /** Start-up: a sync now, then one every interval. Returns the stop function. Starting twice starts once. */
  start(): () => void {
    if (this.intervalTimer) return () => this.stop();
    void this.run();
    this.intervalTimer = setInterval(() => void this.run(), this.options.intervalMs ?? 5 * 60 * 1000);
    this.intervalTimer.unref();
    return () => this.stop();
  }

  stop(): void {
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.abort.abort();
  }

  /** "Sync now" and "back online": runs at once, whatever backoff was waiting. */
  run(): Promise<SyncOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.running = this.job().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  /** An admin confirmed the mass deletion the last pull stopped at. */
  confirmMassDelete(): Promise<SyncOutcome> {
    this.allowMassDelete = true;
    return this.run();
  }

  private report(change: Partial<SyncActivity>): void {
    Object.assign(this.activity, change);
    this.core.notify(['outbox']);
  }

  private async job(): Promise<SyncOutcome> {
    // The core closed (app quitting, a test's end): the background syncs end with it.
    if (!this.core.store.sqlite.open) {
      this.stop();
      return { ok: true };
    }
    const serverUrl = this.state().serverUrl;
    if (!serverUrl) return { ok: true };
    // A damaged store is read-only: nothing is written into it, pulled rows and the server's answers included.
    if (this.core.damaged) return { ok: false, error: { code: 'STORE_DAMAGED', message: 'The data on this computer is damaged.' } };
    let job;
    try {
      job = this.core.jobs.begin('sync');
    } catch {
      return { ok: false, error: { code: 'UPDATING', message: 'An update is being installed.' } };
    }
    this.report({ phase: 'pushing', pushed: 0, pulled: 0, pullTotal: null, error: null, nextAttemptAt: null, massDelete: null });
    try {
      await this.push(serverUrl);
      await this.pushAudit(serverUrl);
      this.report({ phase: 'pulling' });
      await this.pull(serverUrl, null);
      if (pendingCount(this.core.store.sqlite) === 0) {
        this.report({ phase: 'verifying' });
        await this.verify(serverUrl);
      }
      statement(this.core.store.sqlite, 'update sync_state set last_synced_at = ? where id = 1').run(this.core.now().toISOString());
      this.failures = 0;
      this.allowMassDelete = false;
      this.report({ phase: 'idle' });
      return { ok: true };
    } catch (error) {
      const outcome = this.failed(error);
      // A first sync cut short by the app closing, then a start offline: the reports are rebuilt from the rows already
      // here now, not at the end of a pull days later. (A pull that fails has rebuilt them itself.)
      if (this.core.store.sqlite.open && summariesStale(this.core.store.sqlite)) await this.prepare();
      return outcome;
    } finally {
      this.tokens = null;
      job.end();
    }
  }

  private failed(error: unknown): SyncOutcome {
    if (error instanceof MassDeleteError) {
      const massDelete = { entity: error.entity, deleting: error.deleting, live: error.live };
      this.report({ phase: 'stopped', massDelete, error: { code: 'MASS_DELETE', message: error.message } });
      return { ok: false, error: { code: 'MASS_DELETE', message: error.message } };
    }
    if (error instanceof SyncHttpError && error.transient) {
      this.failures++;
      const waitMs = backoffMs(this.failures, (this.options.random ?? Math.random)());
      const nextAttemptAt = new Date(this.core.now().getTime() + waitMs).toISOString();
      if (this.options.retry !== false && !this.abort.signal.aborted) {
        this.retryTimer = setTimeout(() => void this.run(), waitMs);
        this.retryTimer.unref();
      }
      this.report({ phase: 'waiting', nextAttemptAt, error: { code: error.code, message: error.message } });
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    const code = error instanceof SyncHttpError || error instanceof StopSync ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'INTERNAL') this.core.log.log('error', 'sync.failed', { error });
    this.report({ phase: 'stopped', error: { code, message } });
    return { ok: false, error: { code, message } };
  }

  private state() {
    return statement(
      this.core.store.sqlite,
      'select server_url as serverUrl, cursor, last_synced_at as lastSyncedAt from sync_state where id = 1',
    ).get() as { serverUrl: string | null; cursor: string | null; lastSyncedAt: string | null };
  }

  /** Learns how far this computer's clock is from the server's, so HLC stamps use the corrected time. */
  private learnClock(serverTime: string, timing: Timing): void {
    const offset = Math.round(Date.parse(serverTime) - (timing.sentAt + timing.receivedAt) / 2);
    statement(this.core.store.sqlite, 'update sync_state set clock_offset_ms = ? where id = 1').run(offset);
  }

  /** An authenticated request: on 401, one refresh and one retry; a refused refresh means signing in again. */
  private async call<T extends object>(
    serverUrl: string,
    endpoint: { method: 'GET' | 'POST'; path: string; schema: import('zod').ZodType<T>; body: unknown },
  ): Promise<T> {
    const now = () => Date.now();
    const send = async (token: string | null) =>
      request(serverUrl, endpoint.method, endpoint.path, endpoint.schema, {
        body: endpoint.body,
        token: token ?? undefined,
        signal: this.abort.signal,
        now,
        timeoutMs: this.options.timeoutMs,
        // Push (by seq), audit (by entry id), pull and checksum may all be sent twice.
        idempotent: true,
      });
    this.tokens ??= tokensForThisDevice(this.core, serverUrl, { signal: this.abort.signal, timeoutMs: this.options.timeoutMs });
    let tokens = await this.tokens;
    if (!tokens.access && !tokens.refresh) throw new StopSync('SIGN_IN_NEEDED', 'Sign in to the server again to sync.');
    let answer;
    try {
      answer = await send(tokens.access);
    } catch (error) {
      if (!(error instanceof SyncHttpError && error.status === 401)) throw error;
      if (!tokens.refresh) throw new StopSync('SIGN_IN_NEEDED', 'Sign in to the server again to sync.');
      try {
        const refreshed = await request(serverUrl, 'POST', endpoints.refresh(tokens.refresh).path, endpoints.refresh('').schema, {
          body: endpoints.refresh(tokens.refresh).body,
          signal: this.abort.signal,
          now,
          timeoutMs: this.options.timeoutMs,
        });
        await storeTokens(this.core, refreshed.data, tokens.deviceId ?? this.core.deviceId);
      } catch (refreshError) {
        if (refreshError instanceof SyncHttpError && refreshError.status === 401) {
          this.tokens = null;
          await clearTokens(this.core);
          throw new StopSync('SIGN_IN_NEEDED', 'The server no longer accepts this computer’s sign-in: sign in again to sync.');
        }
        throw refreshError;
      }
      this.tokens = readTokens(this.core);
      tokens = await this.tokens;
      answer = await send(tokens.access);
    }
    if ('server_time' in answer.data && typeof answer.data.server_time === 'string')
      this.learnClock(answer.data.server_time, answer.timing);
    return answer.data;
  }

  private async push(serverUrl: string): Promise<void> {
    for (;;) {
      const batch = nextBatch(this.core, this.batchSize);
      if (batch.mutations.length === 0) return;
      let results;
      try {
        ({ results } = await this.call(serverUrl, endpoints.push({ device_id: this.core.deviceId, mutations: batch.mutations })));
      } catch (error) {
        if (this.halved(error)) continue;
        throw error;
      }
      const done = acknowledge(this.core, batch, results, this.core.now().toISOString());
      this.report({ pushed: this.activity.pushed + done.applied + done.rejected });
      if (done.gap) throw new StopSync('SEQ_GAP', 'The server expected other changes from this computer first.');
      if (done.applied + done.rejected === 0) throw new SyncHttpError(0, 'BAD_ANSWER', 'The server answered without results.');
    }
  }

  /** 413: the next batch is half the size. False when it cannot shrink further, or for any other error. */
  private halved(error: unknown): boolean {
    if (!(error instanceof SyncHttpError && error.status === 413 && this.batchSize > 1)) return false;
    this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
    return true;
  }

  /** The audit trail, right after the changes it describes, so a pull that stops (a mass delete waiting for an admin) does not hold it: see ./audit.ts. */
  private async pushAudit(serverUrl: string): Promise<void> {
    for (;;) {
      const entries = nextAuditBatch(this.core, this.batchSize);
      if (entries.length === 0) return;
      let answer;
      try {
        answer = await this.call(serverUrl, endpoints.audit({ device_id: this.core.deviceId, entries }));
      } catch (error) {
        if (this.halved(error)) continue;
        throw error;
      }
      const done = acknowledgeAudit(this.core, entries, answer, this.core.now().toISOString());
      this.report({});
      if (done === 0) throw new SyncHttpError(0, 'BAD_ANSWER', 'The server answered without acknowledging the audit entries.');
    }
  }

  /**
   * Pages until caught up. `only` set: a re-pull of those tables from the start after a checksum
   * mismatch, with its own cursor; otherwise from the stored cursor. RESYNC_REQUIRED: from the start, outbox kept.
   */
  private async pull(serverUrl: string, only: ReadonlySet<PullEntity> | null): Promise<void> {
    const { sqlite } = this.core.store;
    const state = this.state();
    let cursor = only ? null : state.cursor;
    // From the start (a first sync, a resync, a re-pull) the summaries are rebuilt once at the end instead of row by row,
    // and pages are applied several to a transaction: each transaction sets the summary triggers aside and back.
    let bulk = cursor === null || summariesStale(sqlite);
    let resynced = false;
    const fetched: PullResponse[] = [];
    const apply = () => {
      if (fetched.length === 0) return;
      if (bulk) setIndexesAside(sqlite, bulkTables);
      const { applied } = applyPage(this.core, joinPages(fetched.splice(0)), {
        only: only ?? undefined,
        storeCursor: !only,
        allowMassDelete: this.allowMassDelete,
        bulk,
      });
      const pulled = this.activity.pulled + applied;
      // A resumed pull also brings back rows this device already counted (its own pushes): the count stops at the total.
      this.report({ pulled: this.activity.pullTotal === null ? pulled : Math.min(pulled, this.activity.pullTotal) });
    };
    const pageAfter = (after: string | null) => {
      const answer = this.call(serverUrl, endpoints.pull(after, this.options.pageSize ?? 1000));
      // Read by the loop, or dropped when the page before it could not be applied (a mass delete, a closed store).
      answer.catch(() => undefined);
      return answer;
    };
    // A pull from the start, or a first sync resumed after it was cut short, counts what is coming.
    if (!only && (cursor === null || !state.lastSyncedAt)) await this.countPull(serverUrl, cursor === null);
    let next = pageAfter(cursor);
    try {
      for (;;) {
        let page;
        try {
          page = await next;
        } catch (error) {
          if (error instanceof SyncHttpError && error.code === 'RESYNC_REQUIRED' && !resynced && cursor !== null) {
            fetched.length = 0;
            resynced = true;
            cursor = null;
            bulk = true;
            if (!only) {
              statement(sqlite, 'update sync_state set cursor = null where id = 1').run();
              await this.countPull(serverUrl, true);
            }
            next = pageAfter(cursor);
            continue;
          }
          // What arrived before the failure is kept: the next sync resumes after it.
          apply();
          throw error;
        }
        fetched.push(page);
        cursor = page.cursor;
        if (!page.has_more) return apply();
        next = pageAfter(cursor);
        if (!bulk || fetched.length === BULK_PAGES) {
          // The next page's request leaves first: the server builds it while this one is written (no transaction waits on it).
          await new Promise((resolve) => setImmediate(resolve));
          apply();
        }
      }
    } finally {
      // A page fetched ahead ends before the pull does: its token refresh, if any, is stored before another sync reads it.
      await next.catch(() => undefined);
      // Also when the pull stopped half-way: lists and reports are right again at once, not only after the next full pull.
      if (sqlite.open && (indexesSetAside(sqlite) || summariesStale(sqlite))) await this.prepare();
    }
  }

  /**
   * Before a pull from the start, or a resumed first sync: how many rows the device will hold at its end, from the
   * checksums' counts (kept by the server at no cost), for a progress bar that shows how far a first sync has come. A
   * resumed pull starts from the rows already received, as the kept digests count them. One request after another:
   * two at once could both refresh an expired token, and the second refresh would count as reuse.
   */
  private async countPull(serverUrl: string, fromStart: boolean): Promise<void> {
    const { sqlite } = this.core.store;
    let total = 0;
    let held = 0;
    for (const entity of pullEntities) {
      total += (await this.call(serverUrl, endpoints.checksum(entity))).count;
      if (!fromStart) held += localChecksum(sqlite, entity).count;
    }
    this.report({ pulled: Math.min(held, total), pullTotal: total });
  }

  /** After a bulk pull: the indexes set aside are built, then the report summaries, each once, from all the rows. */
  private async prepare(): Promise<void> {
    const { sqlite } = this.core.store;
    const { phase } = this.activity;
    this.report({ phase: 'preparing' });
    // Each step holds the thread while it runs (seconds for a million sessions): other calls go in between.
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    await pause();
    for (const _ of restoreIndexSteps(sqlite)) {
      await pause();
      if (!sqlite.open) return;
    }
    if (summariesStale(sqlite)) {
      await rebuildSummariesInSteps(sqlite);
      if (!sqlite.open) return;
      this.core.notify(['sessions']);
    }
    this.report({ phase });
  }

  /**
   * Divergence check (SYNC.md guarantee 6): a table whose digest differs is pulled again from the start. Before that,
   * its kept digest is recomputed from the rows, in case the digest and not the rows drifted (a write that bypassed
   * the triggers): only a table whose rows still differ is pulled.
   */
  private async verify(serverUrl: string): Promise<void> {
    const { sqlite } = this.core.store;
    const differs = (remote: ChecksumResponse, local: ChecksumResponse) => remote.digest !== local.digest || remote.count !== local.count;
    const mismatched = async () => {
      const found = new Set<PullEntity>();
      for (const entity of pullEntities) {
        const remote = await this.call(serverUrl, endpoints.checksum(entity));
        if (differs(remote, localChecksum(sqlite, entity)) && differs(remote, rebuildDigest(sqlite, entity))) found.add(entity);
      }
      return found;
    };
    let tables = await mismatched();
    if (tables.size > 0) {
      this.core.log.log('warn', 'sync.checksumMismatch', { tables: [...tables] });
      await this.pull(serverUrl, tables);
      tables = await mismatched();
    }
    if (tables.size === 0) {
      statement(sqlite, 'update sync_state set last_verified_at = ? where id = 1').run(this.core.now().toISOString());
    } else {
      statement(sqlite, 'update sync_state set last_verified_at = null where id = 1').run();
      this.core.log.log('warn', 'sync.checksumStillDiffers', { tables: [...tables] });
    }
  }
}

const engines = new WeakMap<Core, SyncEngine>();

/** The one engine of this core (one sync at a time across every window). */
export function syncEngine(core: Core, options?: EngineOptions): SyncEngine {
  let engine = engines.get(core);
  if (!engine) engines.set(core, (engine = new SyncEngine(core, options)));
  return engine;
}

/** For the hosts: start-up sync and the interval. */
export function startSync(core: Core, options?: EngineOptions): () => void {
  return syncEngine(core, options).start();
}
