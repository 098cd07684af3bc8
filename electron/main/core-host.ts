import { MessageChannelMain, type MessagePortMain, utilityProcess, type WebContents } from 'electron';
import type { SecretStore } from '../core/platform';
import { type CoreMessage, isCoreMessage, type MainMessage } from './core-protocol';
import { KeyringUnavailableError } from './secrets';

export type CoreFailure = { kind: 'keyring-unavailable' } | { kind: 'open-failed'; message: string } | { kind: 'exited'; code: number };

export interface CoreHostOptions {
  /** The built utility-process entry (out/main/core-process.js). */
  entry: string;
  dataDir: string;
  migrationsFolder: string;
  secrets: SecretStore;
  onFailure(failure: CoreFailure): void;
}

export interface CoreHost {
  /** Gives a page its own channel to the core; the old one closes with the old document. */
  connect(contents: WebContents): void;
  stop(): Promise<void>;
}

const stopTimeoutMs = 5000;

export function startCore(options: CoreHostOptions): CoreHost {
  const child = utilityProcess.fork(options.entry, [], { serviceName: 'Outpost core' });
  let running = true;
  let stopping = false;
  let keyringRefused = false;
  let stopped: Promise<void> | undefined;
  const exited = new Promise<number>((resolve) => child.once('exit', resolve)).then((code) => {
    running = false;
    if (!stopping) options.onFailure({ kind: 'exited', code });
    return code;
  });

  const send = (message: MainMessage, ports?: MessagePortMain[]) => {
    if (running) child.postMessage(message, ports);
  };

  async function answer(request: Extract<CoreMessage, { type: 'secret-get' | 'secret-set' }>): Promise<void> {
    try {
      const value =
        request.type === 'secret-get'
          ? await options.secrets.get(request.name)
          : await options.secrets.set(request.name, request.value).then(() => null);
      send({ type: 'secret-reply', id: request.id, ok: true, value });
    } catch (error) {
      if (error instanceof KeyringUnavailableError) keyringRefused = true;
      else console.error('main: secret store failed', error);
      send({ type: 'secret-reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  child.on('message', (message: unknown) => {
    if (!isCoreMessage(message)) return;
    if (message.type === 'open-failed') {
      options.onFailure(keyringRefused ? { kind: 'keyring-unavailable' } : { kind: 'open-failed', message: message.message });
    } else {
      void answer(message);
    }
  });

  send({ type: 'init', dataDir: options.dataDir, migrationsFolder: options.migrationsFolder });

  return {
    connect(contents) {
      const { port1, port2 } = new MessageChannelMain();
      send({ type: 'renderer-port' }, [port1]);
      contents.postMessage('core-port', null, [port2]);
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
