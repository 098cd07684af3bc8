import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultSignInDelayMs,
  type Core,
  FileSecretStore,
  scheduleDailyBackups,
  type SecretStore,
  startIntegrityCheck,
  startSync,
} from '../core';
import { openBehindPassphrase } from '../core/passphrase/host';
import { PassphraseSecretStore } from '../core/secrets/passphrase-secret-store';
import { openOrRecover } from '../core/recovery/host';
import { deployConfigPath, readDeployConfig } from '../core/settings/deploy-file';
import { oneTimeDownloads } from './downloads';
import { chromiumPrinter } from './printer';
import { startWebHost } from './server';
import { packageUploads } from './uploads';

// Development and test host: the real core and the built renderer in any browser. Never shipped.
const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.OUTPOST_DATA_DIR ?? path.join(root, '.outpost-data') },
    port: { type: 'string', default: process.env.PORT ?? '0' },
  },
});
const dataDir = path.resolve(values['data-dir']);
const rendererDir = path.join(root, 'out/renderer');
const port = Number(values.port);

if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first.');
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(1);
}

const readOptional = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
const deploy = readDeployConfig(deployConfigPath(process.platform, process.env, true));
for (const error of deploy.errors) console.warn(`Deploy config ${deploy.file}: ${error.field ?? '(file)'}: ${error.detail}`);

// Tests move the core's clock (days on, to see a follow-up fall due): milliseconds added to the real time.
const clockOffset = Number(process.env.OUTPOST_CLOCK_OFFSET_MS ?? 0);
if (!Number.isInteger(clockOffset)) {
  console.error(`OUTPOST_CLOCK_OFFSET_MS must be a whole number of milliseconds, not "${process.env.OUTPOST_CLOCK_OFFSET_MS}".`);
  process.exit(1);
}

// Tests shorten the pause after wrong passwords: the longest pause in milliseconds. Web host only; the app never reads it.
const delayCap = process.env.OUTPOST_SIGN_IN_DELAY_MS;
const signInDelayCapMs = delayCap === undefined ? null : Number(delayCap);
if (signInDelayCapMs !== null && !(Number.isInteger(signInDelayCapMs) && signInDelayCapMs >= 0)) {
  console.error(`OUTPOST_SIGN_IN_DELAY_MS must be a whole number of milliseconds, not "${delayCap}".`);
  process.exit(1);
}

// Reports print with Chromium on this host's own print page; exports download once from a link.
const downloads = oneTimeDownloads();
const printer = chromiumPrinter({ pageUrl: () => new URL('print.html', host.url).href });
// A store that cannot open (damaged, or its folder not writable) gets the recovery screen, not a crash.
let stopBackups: () => void = () => undefined;
const uploads = packageUploads();
function startServices(core: Core) {
  stopBackups = scheduleDailyBackups(core);
  void startIntegrityCheck(core);
  startSync(core);
}
// OUTPOST_SECRETS=passphrase keeps the key as the desktop app does on a computer without a keyring: sealed with
// a recovery passphrase asked at every start. Otherwise a plain owner-only file, for development and tests.
const secretsMode = process.env.OUTPOST_SECRETS ?? 'file';
if (secretsMode !== 'file' && secretsMode !== 'passphrase') {
  console.error(`OUTPOST_SECRETS must be "file" or "passphrase", not "${secretsMode}".`);
  process.exit(1);
}
const signInDelayMs =
  signInDelayCapMs === null ? undefined : (failures: number) => Math.min(defaultSignInDelayMs(failures), signInDelayCapMs);
const openStore = (secrets: SecretStore) =>
  openOrRecover(startServices, {
    ...(clockOffset !== 0 && { now: () => new Date(Date.now() + clockOffset) }),
    ...(signInDelayMs && { signInDelayMs }),
    dataDir,
    secrets,
    migrationsFolder: path.join(root, 'db/migrations'),
    deploy,
    // Verifies update packages like the app does; installing one is the desktop app's job.
    printer,
    exportFiles: downloads.files,
    updates: {
      // Tests sign their own packages: OUTPOST_UPDATE_PUBLIC_KEY names their public key (web host only).
      publicKey: readOptional(process.env.OUTPOST_UPDATE_PUBLIC_KEY ?? path.join(root, 'resources/update-public-key.pem')),
      uploadedPackage: (id) => uploads.take(id),
      appVersion: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    },
  });
const live =
  secretsMode === 'passphrase'
    ? openBehindPassphrase(new PassphraseSecretStore(dataDir, { delayMs: signInDelayMs ?? defaultSignInDelayMs }), dataDir, openStore)
    : await openStore(new FileSecretStore(dataDir));
const host = await startWebHost({ connect: (send) => live.connect(send), rendererDir, port, uploads, downloads });
console.log(`Outpost web host: ${host.url}`);
console.log(`Data folder: ${dataDir}`);

async function stop() {
  stopBackups();
  await host.close();
  await printer.close();
  live.close();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
