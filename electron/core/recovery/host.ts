import path from 'node:path';
import { signInInput } from '../../../common/account';
import type { StoreMode } from '../../../common/recovery';
import type { ServerMessage } from '../../../common/rpc';
import { type Core, type CoreOptions, openCore } from '../core';
import { CoreError } from '../errors';
import { createLogger, redact } from '../log';
import { connect, toErrorShape } from '../transport';
import { redownload, type ServerPlace } from './redownload';
import { damagedCopy, probeWritable, recoveryStatus, restoreNewest } from './service';

export interface LiveStore {
  /** A client of the core, or of the recovery screen while no core could open. */
  connect(send: (message: ServerMessage) => void): { receive(raw: unknown): void; close(): void };
  /** The open core, if any. */
  core(): Core | null;
  close(): void;
}

/**
 * Opens the core, or, when the store cannot be opened (damaged, or its folder cannot be written), serves
 * the recovery calls instead of crashing: status, retry and restore of the newest good backup. Once a
 * retry or restore opens the store, `onOpen` runs and new clients get the core. Errors outside the store
 * (no keyring for the key) are thrown as before: there is nothing to recover.
 */
export async function openOrRecover(onOpen: (core: Core) => void, options: CoreOptions): Promise<LiveStore> {
  let core: Core | null = null;
  let mode: StoreMode = 'ok';
  let problems: string[] = [];
  let busy = false;
  const place: ServerPlace = {
    dataDir: options.dataDir,
    databaseFile: path.join(options.dataDir, 'outpost.db'),
    migrationsFolder: options.migrationsFolder,
    key: null,
    deploy: options.deploy,
  };
  const log = createLogger(options.dataDir, options.now);

  async function attempt(): Promise<void> {
    const notWritable = probeWritable(options.dataDir);
    if (notWritable) {
      [mode, problems] = ['notWritable', [notWritable]];
      console.error(`Outpost cannot write its data folder ${options.dataDir} (${notWritable}).`);
      return;
    }
    try {
      core = await openCore(options);
      [mode, problems] = ['ok', []];
      onOpen(core);
    } catch (error) {
      place.key = await options.secrets.get('database-key').catch(() => null);
      if (!place.key) throw error;
      const { code, message } = error as { code?: string; message?: string };
      [mode, problems] = ['damaged', [String(redact(`${code ? `${code}: ` : ''}${message ?? String(error)}`))]];
      log.log('error', 'recovery.cannotOpen', { error });
    }
  }

  async function answer(path: string, input: unknown): Promise<unknown> {
    if (path === 'recovery.status') return recoveryStatus(place, mode, problems);
    if (path !== 'recovery.retry' && path !== 'recovery.restoreNewest' && path !== 'recovery.redownload')
      throw new CoreError('STORE_DAMAGED', mode === 'notWritable' ? 'recovery.errors.notWritable' : 'recovery.errors.damaged');
    if (busy) throw new CoreError('CONFLICT', 'recovery.errors.busy');
    busy = true;
    try {
      if (path === 'recovery.retry') {
        if (!core) await attempt();
        return recoveryStatus(place, mode, problems);
      }
      const credentials = signInInput.parse(input);
      if (path === 'recovery.redownload') {
        return await redownload(
          place,
          credentials,
          damagedCopy(place, new Date()),
          (swap) => swap(),
          async () => {
            await attempt();
            if (!core) throw new CoreError('STORE_DAMAGED', 'recovery.errors.damaged');
            return core;
          },
        );
      }
      const contents = await restoreNewest(place, credentials, new Date(), (swap) => swap());
      await attempt();
      (core as Core | null)?.audit({ userId: null }, { action: 'backups.restore', detail: { ...contents, recovery: true } });
      return contents;
    } finally {
      busy = false;
    }
  }

  await attempt();
  return {
    connect(send) {
      if (core) return connect(core, send);
      return {
        receive(raw) {
          const message = raw as { id?: unknown; type?: unknown; path?: unknown; input?: unknown };
          if (typeof message?.id !== 'number' || typeof message.path !== 'string' || message.type === 'stop') return;
          const id = message.id;
          answer(message.path, message.input).then(
            (data) => send({ id, type: 'data', data }),
            (error: unknown) => send({ id, type: 'error', error: toErrorShape(error, log) }),
          );
        },
        close: () => undefined,
      };
    },
    core: () => core,
    close: () => core?.close(),
  };
}
