import type { MessagePortMain } from 'electron';
import { type Core, defaultSignInDelayMs, scheduleDailyBackups, type SecretStore, startIntegrityCheck, startSync } from '../core/index';
import { openBehindPassphrase } from '../core/passphrase/host';
import { type LiveStore, openOrRecover } from '../core/recovery/host';
import { PassphraseSecretStore } from '../core/secrets/passphrase-secret-store';
import { readDeployConfig } from '../core/settings/deploy-file';
import { effectiveSettings } from '../core/settings/service';
import type { UpdateHost } from '../core/updates/host';
import { prepareForUpdate } from '../core/updates/service';
import { lockAllConnections } from '../core/transport';
import { exportBridge } from './core-exports';
import { type CoreMessage, isMainMessage, type MainMessage } from './core-protocol';
import { isExportReply } from './export-protocol';

// The core's utility process: it owns the database and serves each renderer over its own port,
// so the main process never waits on SQLite.

const parent = process.parentPort;
const post = (message: CoreMessage) => parent.postMessage(message);
// Printing a report and saving an export need windows and dialogs: main does them for the core.
const exportsBridge = exportBridge((request) => parent.postMessage(request));

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

const awaitingInstall = new Map<number, (error: string | null) => void>();

/** Installing is main's job (electron-updater); the core has checked the package and made its backup first. */
function installByMain(folder: string, manifest: string): Promise<void> {
  const id = ++lastRequestId;
  return new Promise((resolve, reject) => {
    awaitingInstall.set(id, (error) => (error === null ? resolve() : reject(new Error(error))));
    post({ type: 'install-package', id, folder, manifest });
  });
}

const awaitingPick = new Map<number, (path: string | null) => void>();

/** "Update from file": main's file dialog chooses; the renderer never sees or sends a path. */
function pickByMain(): Promise<string | null> {
  const id = ++lastRequestId;
  return new Promise((resolve) => {
    awaitingPick.set(id, resolve);
    post({ type: 'pick-package', id });
  });
}

const awaitingCheck = new Map<number, (error: string | null) => void>();

/** "Check for updates" in Admin: main's updater asks the server and tells the admin what it found. */
function checkByMain(): Promise<void> {
  const id = ++lastRequestId;
  return new Promise((resolve, reject) => {
    awaitingCheck.set(id, (error) => (error === null ? resolve() : reject(new Error(error))));
    post({ type: 'update-check', id });
  });
}

let live: Promise<LiveStore> | null = null;
/** The update main is about to install, holding off new jobs until it does (or does not). */
let updateClaim: { release(): void } | null = null;

function open(init: Extract<MainMessage, { type: 'init' }>): void {
  const { dataDir, migrationsFolder } = init;
  const updates: UpdateHost = {
    publicKey: init.updatePublicKey,
    appVersion: init.appVersion,
    install: installByMain,
    pickPackage: pickByMain,
    checkNow: checkByMain,
  };
  // A damaged store or an unwritable folder gets the recovery screen; only a failure outside the store (no keyring) is fatal.
  const openStore = (storeSecrets: SecretStore) => {
    const opening = openOrRecover(
      (opened) => {
        scheduleDailyBackups(opened);
        void startIntegrityCheck(opened);
        startSync(opened);
      },
      {
        dataDir,
        secrets: storeSecrets,
        migrationsFolder,
        deploy: readDeployConfig(init.deployConfigPath),
        updates,
        ...exportsBridge.platform,
      },
    );
    opening.catch((error: unknown) => {
      console.error('core: could not open', error);
      post({ type: 'open-failed', message: error instanceof Error ? error.message : String(error) });
    });
    return opening;
  };
  // No keyring: the store waits behind the recovery passphrase, which the page sends here (never to main) to check.
  live =
    init.secrets === 'passphrase'
      ? Promise.resolve(openBehindPassphrase(new PassphraseSecretStore(dataDir, { delayMs: defaultSignInDelayMs }), dataDir, openStore))
      : openStore(secrets);
}

function serve(port: MessagePortMain): void {
  if (!live) {
    port.close();
    return;
  }
  live.then(
    (opened) => {
      const connection = opened.connect((message) => port.postMessage(message));
      port.on('message', (event) => connection.receive(event.data));
      port.on('close', () => connection.close());
      port.start();
    },
    () => port.close(),
  );
}

function answerUpdate(message: Extract<MainMessage, { type: 'update-policy-get' | 'update-prepare' }>): void {
  // A core that failed to open has told main so; main quits, and its waiting request ends with the process.
  void live?.then(
    (store) => {
      const opened: Core | null = store.core();
      if (!opened) {
        // The recovery or passphrase screen is up: no update until the store is open.
        if (message.type === 'update-prepare') post({ type: 'update-prepared', id: message.id, error: 'store not open' });
        else post({ type: 'update-policy', id: message.id, policy: 'off', channel: 'stable' });
        return;
      }
      if (message.type === 'update-policy-get') {
        const { updatePolicy, updateChannel } = effectiveSettings(opened);
        post({ type: 'update-policy', id: message.id, policy: updatePolicy, channel: updateChannel });
        return;
      }
      try {
        updateClaim ??= prepareForUpdate(opened, { userId: null }, message.version);
        post({ type: 'update-prepared', id: message.id, error: null });
      } catch (error) {
        const running = (error as { details?: { running?: string[] } }).details?.running;
        post({ type: 'update-prepared', id: message.id, error: running ? `running: ${running.join(', ')}` : String(error) });
      }
    },
    () => undefined,
  );
}

function shutDown(): void {
  const closing = live ? live.then((opened) => opened.close()) : Promise.resolve();
  closing.catch(() => undefined).finally(() => process.exit(0));
}

parent.on('message', (event) => {
  const message: unknown = event.data;
  if (isExportReply(message)) return exportsBridge.receive(message);
  if (!isMainMessage(message)) return;
  switch (message.type) {
    case 'init':
      if (!live) open(message);
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
    case 'update-policy-get':
    case 'update-prepare':
      answerUpdate(message);
      break;
    case 'update-release':
      updateClaim?.release();
      updateClaim = null;
      break;
    case 'install-reply':
      awaitingInstall.get(message.id)?.(message.error);
      awaitingInstall.delete(message.id);
      break;
    case 'pick-reply':
      awaitingPick.get(message.id)?.(message.path);
      awaitingPick.delete(message.id);
      break;
    case 'update-check-reply':
      awaitingCheck.get(message.id)?.(message.error);
      awaitingCheck.delete(message.id);
      break;
    case 'lock-all':
      lockAllConnections(message.reason);
      break;
  }
});
