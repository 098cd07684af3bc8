import { randomBytes } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type ChangeEvent, type ChangeTopic, changeTopics } from '../../common/changes';
import { type DeployState, noDeployConfig } from '../../common/deploy';
import { crockford } from '../../common/sync';
import { type Db, openStore, openStoreReadOnly, type Store } from '../../db/open';
import { syncState } from '../../db/schema';
import { type Actor, type AuditInput, type RowChange, TxLog } from './changes';
import { CoreError } from './errors';
import { createLogger, type Logger } from './log';
import type { ExportFiles, Printer, SecretStore } from './platform';
import type { UpdateHost } from './updates/host';
import { type RunningJobs, runningJobs } from './updates/running-jobs';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  migrationsFolder: string;
  /** The clock; tests move it instead of the code. */
  now?: () => Date;
  /** The pause before checking a password after `failures` wrong ones; tests shorten it. */
  signInDelayMs?: (failures: number) => number;
  /** The machine's deploy config, as the host read it (electron/core/settings/deploy-file.ts); none if absent. */
  deploy?: DeployState;
  /** The host's update key and installer; absent, update packages are refused. */
  updates?: UpdateHost;
  /** Prints reports to PDF; absent, PDF exports are refused. */
  printer?: Printer;
  /** Hands finished exports to the user; absent, they cannot be delivered. */
  exportFiles?: ExportFiles;
}

export interface WriteTx {
  db: Db;
  now: Date;
  record(change: RowChange): void;
  audit(entry: AuditInput): void;
  /** Tells open views a topic changed when no audited row change says so (a setting, a sign-in counter). */
  touch(topic: ChangeTopic): void;
}

export interface Core {
  readonly store: Store;
  readonly deviceId: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  /** The database key: backups are encrypted with it too. Never leaves the core. */
  readonly key: string;
  /** The platform's secret storage (the sync tokens live there). Never leaves the core. */
  readonly secrets: SecretStore;
  readonly migrationsFolder: string;
  /** JSON-lines log in the data folder, personal data redacted. */
  readonly log: Logger;
  readonly deploy: DeployState;
  readonly updates: UpdateHost | null;
  /** Sync, export and import register here, so that an update waits for them. */
  readonly jobs: RunningJobs;
  /** The store is damaged (it opened read-only only, or the integrity check failed): writes are refused until a restore. */
  readonly damaged: boolean;
  markDamaged(): void;
  readonly printer: Printer | null;
  readonly exportFiles: ExportFiles | null;
  now(): Date;
  /** Waits out the sign-in delay for this many failures in a row. */
  throttle(failures: number): Promise<void>;
  /** One IMMEDIATE transaction: rows, audit and outbox commit whole; listeners hear of it after commit. */
  write<T>(actor: Actor, fn: (tx: WriteTx) => T): T;
  /** Audits an action that writes no row (a sign-in, a view, an export). */
  audit(actor: Actor, entry: AuditInput): void;
  changes(signal: AbortSignal): AsyncIterable<ChangeEvent>;
  /** Tells open views to refresh after a write that is not a local mutation (rows applied from a sync pull). */
  notify(topics: Iterable<ChangeTopic>): void;
  /** Closes the database, runs `swap` on the files, and opens it again (restore); every view is told to refresh. */
  replaceDatabase(swap: () => void): void;
  close(): void;
}

const DB_KEY = 'database-key';
const DB_FILE = 'outpost.db';

/** Doubles from a quarter second after each wrong password in a row, up to 8 s. */
export function defaultSignInDelayMs(failures: number): number {
  return failures === 0 ? 0 : Math.min(250 * 2 ** (failures - 1), 8000);
}

/** Until a server gives this device its code (tokens.ts): unique only by chance, which the store tolerates. */
function randomDeviceCode(): string {
  return [...randomBytes(3)].map((b) => crockford[b % 32]).join('');
}

async function databaseKey(secrets: SecretStore): Promise<string> {
  const existing = await secrets.get(DB_KEY);
  if (existing) return existing;
  const key = randomBytes(32).toString('hex');
  await secrets.set(DB_KEY, key);
  return key;
}

/** Opens the store and makes sure this device has its identity row. */
function openDeviceStore(options: CoreOptions, key: string): { store: Store; deviceId: string } {
  const store = openStore(path.join(options.dataDir, DB_FILE), key, options.migrationsFolder);
  const { db } = store;
  let state = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  if (!state) {
    db.insert(syncState).values({ id: 1, deviceId: uuidv7() }).run();
    state = db.select().from(syncState).where(eq(syncState.id, 1)).get()!;
  }
  if (!state.deviceCode) db.update(syncState).set({ deviceCode: randomDeviceCode() }).where(eq(syncState.id, 1)).run();
  return { store, deviceId: state.deviceId };
}

/**
 * A store that cannot be opened for writing (or migrated) may still be read: it opens read-only, so that
 * signed-in users keep reading while an admin restores. If even that fails, the first error stands.
 */
function openDamagedStore(options: CoreOptions, key: string, cause: unknown): { store: Store; deviceId: string } {
  let store: Store;
  try {
    store = openStoreReadOnly(path.join(options.dataDir, DB_FILE), key);
  } catch {
    throw cause;
  }
  try {
    const deviceId = store.sqlite.prepare('select device_id from sync_state where id = 1').pluck().get() as string | undefined;
    if (!deviceId) throw cause;
    return { store, deviceId };
  } catch {
    store.sqlite.close();
    throw cause;
  }
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? (() => new Date());
  const key = await databaseKey(options.secrets);
  let damaged = false;
  let opened: { store: Store; deviceId: string };
  try {
    opened = openDeviceStore(options, key);
  } catch (error) {
    opened = openDamagedStore(options, key, error);
    damaged = true;
  }
  let { store, deviceId } = opened;

  let openLog: TxLog | null = null;

  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (topics: Set<ChangeTopic>) => {
    if (topics.size > 0) emitter.emit('change', { topics: [...topics] } satisfies ChangeEvent);
  };

  const core: Core = {
    get store() {
      return store;
    },
    get deviceId() {
      return deviceId;
    },
    dataDir: options.dataDir,
    databaseFile: path.join(options.dataDir, DB_FILE),
    key,
    secrets: options.secrets,
    migrationsFolder: options.migrationsFolder,
    log: createLogger(options.dataDir, now),
    deploy: options.deploy ?? noDeployConfig,
    updates: options.updates ?? null,
    jobs: runningJobs(now),
    get damaged() {
      return damaged;
    },
    markDamaged() {
      damaged = true;
    },
    printer: options.printer ?? null,
    exportFiles: options.exportFiles ?? null,
    now,
    throttle: (failures) => new Promise((resolve) => setTimeout(resolve, (options.signInDelayMs ?? defaultSignInDelayMs)(failures))),
    write(actor, fn) {
      if (damaged) throw new CoreError('STORE_DAMAGED', 'recovery.errors.readOnly');
      const topics = new Set<ChangeTopic>();
      const { sqlite, db } = store;
      const run = sqlite.transaction(() => {
        const at = now();
        // A write inside a write (a savepoint) goes on with the outer one's log; the outermost saves it.
        const outer = openLog;
        const log = outer ?? new TxLog(sqlite, deviceId);
        openLog = log;
        try {
          const result = fn({
            db,
            now: at,
            record(change) {
              log.record(actor, change, at);
              topics.add(change.entity).add('audit_log');
              if (change.sync) topics.add('outbox');
            },
            audit(entry) {
              log.audit(actor, entry, at.toISOString());
              topics.add('audit_log');
            },
            touch(topic) {
              topics.add(topic);
            },
          });
          if (!outer) log.finish();
          return result;
        } catch (error) {
          if (outer) outer.rolledBack();
          throw error;
        } finally {
          openLog = outer;
        }
      });
      const result = run.immediate();
      emit(topics);
      return result;
    },
    audit(actor, entry) {
      // A read-only store still lets people sign out and look: what it cannot record goes to the log.
      if (damaged) return core.log.log('warn', 'audit.notRecorded', { action: entry.action });
      core.write(actor, (tx) => tx.audit(entry));
    },
    replaceDatabase(swap) {
      store.sqlite.close();
      try {
        swap();
      } finally {
        ({ store, deviceId } = openDeviceStore(options, key));
        damaged = false;
      }
      emit(new Set(changeTopics));
    },
    notify(topics) {
      emit(new Set(topics));
    },
    async *changes(signal) {
      for await (const [event] of on(emitter, 'change', { signal })) yield event as ChangeEvent;
    },
    close() {
      emitter.removeAllListeners();
      store.sqlite.close();
    },
  };
  return core;
}
