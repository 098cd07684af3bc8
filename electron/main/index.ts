import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, session } from 'electron';
import { deployConfigPath } from '../core/settings/deploy-file';
import { aboutVersion, updatePublicKey } from './about';
import { appPage } from './app-page';
import { showCoreFailure } from './core-failure';
import { startCore } from './core-host';
import { answerExport } from './export-host';
import { applicationMenu } from './menu';
import { chooseSecrets } from './secrets';
import { confineWebContents, hardenSession } from './security';
import { startUpdater } from './updater';
import { createMainWindow } from './window';

// Every renderer is sandboxed, whatever a window's own preferences say.
app.enableSandbox();

async function start(): Promise<void> {
  await app.whenReady();
  const page = appPage();
  confineWebContents(page);
  hardenSession(session.defaultSession, page);
  app.setAboutPanelOptions({ applicationName: 'Outpost', applicationVersion: aboutVersion() });

  const userData = app.getPath('userData');
  const publicKey = updatePublicKey();
  const dataDir = path.join(userData, 'data');
  const secrets = await chooseSecrets(dataDir, path.join(userData, 'secrets.json'));
  if (secrets === 'keyring-unavailable') {
    showCoreFailure({ kind: 'keyring-unavailable' });
    app.quit();
    return;
  }
  const core = startCore({
    entry: path.join(import.meta.dirname, 'core-process.js'),
    dataDir,
    migrationsFolder: app.isPackaged ? path.join(process.resourcesPath, 'migrations') : path.join(app.getAppPath(), 'db/migrations'),
    // An installed app reads only the machine-wide deploy config; OUTPOST_DEPLOY_CONFIG is for development.
    deployConfigPath: deployConfigPath(process.platform, process.env, !app.isPackaged),
    appVersion: app.getVersion(),
    updatePublicKey: publicKey,
    secrets,
    onFailure(failure) {
      showCoreFailure(failure);
      app.quit();
    },
    // Called only on an admin's request, long after the updater below exists.
    installPackage: (folder, manifest) => updater.installPackage(folder, manifest),
    answerExport: (request) => answerExport(request, page, () => (window.isDestroyed() ? undefined : window)),
    // Called only on an admin's request, long after the updater below exists.
    checkForUpdates: () => updater.checkNow(),
    async pickPackage() {
      const options = {
        title: 'Update from file',
        properties: ['openFile' as const],
        filters: [{ name: 'Outpost update package', extensions: ['zip'] }],
      };
      const chosen = window.isDestroyed() ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
  });

  let window = createMainWindow(page);
  const updater = startUpdater(core, publicKey, () => (window.isDestroyed() ? undefined : window));
  Menu.setApplicationMenu(applicationMenu(() => void updater.checkNow()));

  // The preload asks on every page load (so a reload gets a fresh channel); only our window's top frame is answered.
  ipcMain.on('core-port-request', (event) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !page.isAppPage(frame.url)) return;
    if (BrowserWindow.fromWebContents(event.sender) !== window) return;
    core.connect(event.sender);
  });

  // Next to the renderer's idle lock: leaving the computer through the OS (lock screen, sleep, closing the lid)
  // locks Outpost too, so waking the machine does not show the last screen even for a moment.
  // 'suspend' is all we get before sleep, so the lock is sent at once, not after any check.
  powerMonitor.on('lock-screen', () => core.lockAll('os-lock'));
  powerMonitor.on('suspend', () => core.lockAll('suspend'));

  app.on('second-instance', () => {
    if (window.isDestroyed()) window = createMainWindow(page);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (window.isDestroyed()) window = createMainWindow(page);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void (async () => {
      // A downloaded update is readied (pre-update backup) while the core still runs, and installs once it has stopped.
      const install = await updater.prepareForQuit();
      await core.stop().catch(() => undefined);
      coreStopped = true;
      if (install) updater.installAfterQuit();
      else app.quit();
    })();
  });
}

if (app.requestSingleInstanceLock()) {
  start().catch((error: unknown) => {
    console.error('main: start-up failed', error);
    app.exit(1);
  });
} else {
  app.quit();
}
