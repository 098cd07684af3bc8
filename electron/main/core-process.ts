import type { MessagePortMain } from 'electron';
import { type Core, connect, openCore, scheduleDailyBackups, type SecretStore } from '../core/index';
import { type CoreMessage, isMainMessage, type MainMessage } from './core-protocol';

// The core's utility process: it owns the database and serves each renderer over its own port,
// so the main process never waits on SQLite.

const parent = process.parentPort;
const post = (message: CoreMessage) => parent.postMessage(message);

type SecretReply = Extract<MainMessage, { type: 'secret-reply' }>;
type SecretAsk = { type: 'secret-get'; name: string } | { type: 'secret-set'; name: string; value: string };

const awaitingReply = new Map<number, (reply: SecretReply) => void>();
let lastRequestId = 0;

function ask(request: SecretAsk): Promise<string | null> {
  const id = ++lastRequestId;
  return new Promise((resolve, reject) => {
    awaitingReply.set(id, (reply) => (reply.ok ? resolve(reply.value) : reject(new Error(reply.error))));
    post({ ...request, id });
  });
}

/** Secrets live with main (safeStorage is not available in a utility process). */
const secrets: SecretStore = {
  get: (name) => ask({ type: 'secret-get', name }),
  set: async (name, value) => {
    await ask({ type: 'secret-set', name, value });
  },
};

let core: Promise<Core> | null = null;

function open(dataDir: string, migrationsFolder: string): void {
  core = openCore({ dataDir, secrets, migrationsFolder });
  void core.then(scheduleDailyBackups, () => undefined);
  core.catch((error: unknown) => {
    console.error('core: could not open', error);
    post({ type: 'open-failed', message: error instanceof Error ? error.message : String(error) });
  });
}

function serve(port: MessagePortMain): void {
  if (!core) {
    port.close();
    return;
  }
  core.then(
    (opened) => {
      const connection = connect(opened, (message) => port.postMessage(message));
      port.on('message', (event) => connection.receive(event.data));
      port.on('close', () => connection.close());
      port.start();
    },
    () => port.close(),
  );
}

function shutDown(): void {
  const closing = core ? core.then((opened) => opened.close()) : Promise.resolve();
  closing.catch(() => undefined).finally(() => process.exit(0));
}

parent.on('message', (event) => {
  const message: unknown = event.data;
  if (!isMainMessage(message)) return;
  switch (message.type) {
    case 'init':
      if (!core) open(message.dataDir, message.migrationsFolder);
      break;
    case 'secret-reply':
      awaitingReply.get(message.id)?.(message);
      awaitingReply.delete(message.id);
      break;
    case 'renderer-port': {
      const [port] = event.ports;
      if (port) serve(port);
      break;
    }
    case 'shutdown':
      shutDown();
      break;
  }
});
