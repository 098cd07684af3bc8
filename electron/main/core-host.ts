import { MessageChannelMain, type MessagePortMain, utilityProcess, type WebContents } from 'electron';
import type { SecretStore } from '../core/platform';
import type { UpdateChannel, UpdatePolicy } from '../../common/settings';
import { type CoreMessage, isCoreMessage, type MainMessage } from './core-protocol';
import { type ExportReply, type ExportRequest, isExportRequest } from './export-protocol';
import { KeyringUnavailableError } from './secrets';

export type CoreFailure = { kind: 'keyring-unavailable' } | { kind: 'open-failed'; message: string } | { kind: 'exited'; code: number };

export interface CoreHostOptions {
  /** The built utility-process entry (out/main/core-process.js). */
  entry: string;
  dataDir: string;
  migrationsFolder: string;
  deployConfigPath: string;
  appVersion: string;
  updatePublicKey: string | null;
  /** The keyring's store, or 'passphrase': no keyring, so the core seals the secrets with the recovery passphrase. */
  secrets: SecretStore | 'passphrase';
  onFailure(failure: CoreFailure): void;
  /** Installs an admin's verified "Update from file" package; rejects if it cannot. */
  installPackage(folder: string, manifest: string): Promise<void>;
  /** Shows a file dialog for an update package; null when cancelled. */
  pickPackage(): Promise<string | null>;
  /** Prints a report (hidden window) or saves a finished export (save dialog) for the core. */
  answerExport(request: ExportRequest): Promise<ExportReply>;
  /** Asks the update server now and tells the user what it found. */
  checkForUpdates(): Promise<void>;
}

export interface CoreHost {
  /** Gives a page its own channel to the core; the old one closes with the old document. */
  connect(contents: WebContents): void;
  /** The update policy and channel in force. */
  updatePolicy(): Promise<{ policy: UpdatePolicy; channel: UpdateChannel }>;
  /** Readies an update: refused (with the reason) while a sync or export runs; else a pre-update backup is made. */
  prepareUpdate(version: string): Promise<void>;
  /** The prepared update will not install after all. */
  releaseUpdate(): void;
  /** Locks every window (the OS locked its screen, or the computer is going to sleep). */
  lockAll(reason: 'os-lock' | 'suspend'): void;
  stop(): Promise<void>;
}

type Answer = Extract<CoreMessage, { type: 'update-policy' | 'update-prepared' }>;

const stopTimeoutMs = 5000;

export function startCore(options: CoreHostOptions): CoreHost {
  const child = utilityProcess.fork(options.entry, [], { serviceName: 'Outpost core' });
  let running = true;
  let stopping = false;
  let keyringRefused = false;
  let stopped: Promise<void> | undefined;
  const awaitingAnswer = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  const exited = new Promise<number>((resolve) => child.once('exit', resolve)).then((code) => {
    running = false;
    // Nothing waiting on the core may hang the app, least of all its quitting.
    for (const waiting of awaitingAnswer.values()) waiting.reject(new Error('The core has stopped.'));
    awaitingAnswer.clear();
    if (!stopping) options.onFailure({ kind: 'exited', code });
    return code;
  });

  const send = (message: MainMessage, ports?: MessagePortMain[]) => {
    if (running) child.postMessage(message, ports);
  };

  let lastRequestId = 0;
  function ask<T extends Answer['type']>(request: (id: number) => MainMessage): Promise<Extract<Answer, { type: T }>> {
    const id = ++lastRequestId;
    return new Promise((resolve, reject) => {
      if (!running) return reject(new Error('The core has stopped.'));
      awaitingAnswer.set(id, { resolve: (answer) => resolve(answer as Extract<Answer, { type: T }>), reject });
      send(request(id));
    });
  }

  function install(request: Extract<CoreMessage, { type: 'install-package' }>): void {
    options.installPackage(request.folder, request.manifest).then(
      () => send({ type: 'install-reply', id: request.id, error: null }),
      (error: unknown) => send({ type: 'install-reply', id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  async function answer(request: Extract<CoreMessage, { type: 'secret-get' | 'secret-set' }>): Promise<void> {
    try {
      const { secrets } = options;
      if (secrets === 'passphrase') throw new Error('The core keeps its secrets behind the recovery passphrase.');
      const value =
        request.type === 'secret-get' ? await secrets.get(request.name) : await secrets.set(request.name, request.value).then(() => null);
      send({ type: 'secret-reply', id: request.id, ok: true, value });
    } catch (error) {
      if (error instanceof KeyringUnavailableError) keyringRefused = true;
      else console.error('main: secret store failed', error);
      send({ type: 'secret-reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  child.on('message', (message: unknown) => {
    if (isExportRequest(message)) {
      void options.answerExport(message).then((reply) => running && child.postMessage(reply));
      return;
    }
    if (!isCoreMessage(message)) return;
    switch (message.type) {
      case 'open-failed':
        options.onFailure(keyringRefused ? { kind: 'keyring-unavailable' } : { kind: 'open-failed', message: message.message });
        break;
      case 'secret-get':
      case 'secret-set':
        void answer(message);
        break;
      case 'update-policy':
      case 'update-prepared':
        awaitingAnswer.get(message.id)?.resolve(message);
        awaitingAnswer.delete(message.id);
        break;
      case 'install-package':
        install(message);
        break;
      case 'update-check':
        options.checkForUpdates().then(
          () => send({ type: 'update-check-reply', id: message.id, error: null }),
          (error: unknown) =>
            send({ type: 'update-check-reply', id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
        break;
      case 'pick-package':
        options.pickPackage().then(
          (path) => send({ type: 'pick-reply', id: message.id, path }),
          () => send({ type: 'pick-reply', id: message.id, path: null }),
        );
        break;
    }
  });

  send({
    type: 'init',
    dataDir: options.dataDir,
    migrationsFolder: options.migrationsFolder,
    deployConfigPath: options.deployConfigPath,
    appVersion: options.appVersion,
    updatePublicKey: options.updatePublicKey,
    secrets: options.secrets === 'passphrase' ? 'passphrase' : 'main',
  });

  return {
    connect(contents) {
      const { port1, port2 } = new MessageChannelMain();
      send({ type: 'renderer-port' }, [port1]);
      contents.postMessage('core-port', null, [port2]);
    },
    async updatePolicy() {
      const { policy, channel } = await ask<'update-policy'>((id) => ({ type: 'update-policy-get', id }));
      return { policy, channel };
    },
    async prepareUpdate(version) {
      const { error } = await ask<'update-prepared'>((id) => ({ type: 'update-prepare', id, version }));
      if (error !== null) throw new Error(error);
    },
    releaseUpdate() {
      send({ type: 'update-release' });
    },
    lockAll(reason) {
      send({ type: 'lock-all', reason });
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        send({ type: 'shutdown' });
        // The core closes the database cleanly; a hung core must not hold the app open.
        const kill = setTimeout(() => child.kill(), stopTimeoutMs);
        await exited;
        clearTimeout(kill);
      })();
      return stopped;
    },
  };
}
