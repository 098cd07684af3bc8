import fs from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, dialog } from 'electron';
import { autoUpdater } from 'electron-updater';
import { parse } from 'yaml';
import type { CoreHost } from './core-host';
import { serveFolder } from './update-file-server';
import { type SignedFeed, SignedGenericProvider } from './update-provider';

const firstCheckAfterMs = 60_000;
const checkEveryMs = 6 * 3_600_000;
/** If the installer never takes over (an error electron-updater only logs), the app still quits. */
const installTimeoutMs = 60_000;

export interface Updater {
  /** "Check for Updates…" in the menu: checks now and says what it found. */
  checkNow(): Promise<void>;
  /** "Update from file": installs a package the core has verified and backed up for; resolves once it is ready, then the app restarts into it. */
  installPackage(folder: string, manifest: string): Promise<void>;
  /** In will-quit, before the core stops: readies a downloaded update (no jobs running, a pre-update backup); never rejects. */
  prepareForQuit(): Promise<boolean>;
  /** Once the core has stopped: hands over to the installer, which quits the app. */
  installAfterQuit(): void;
}

/** The update feed electron-builder wrote into the app at packaging time (its `publish` URL). */
function packagedFeedUrl(): string | null {
  try {
    const config: unknown = parse(fs.readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8'));
    const url = (config as { url?: unknown } | null)?.url;
    return typeof url === 'string' ? url : null;
  } catch {
    return null;
  }
}

/** latest.yml, beta-mac.yml, latest-linux-arm64.yml… name their channel first. */
const channelOf = (manifest: string) => manifest.replace(/(-mac|-linux(-[a-z0-9]+)?)?\.yml$/, '');

/**
 * Online updates with electron-updater under the policy in force (deploy config, else Settings):
 * `auto` downloads quietly and installs when Outpost quits; `notify` asks before downloading and
 * offers to restart; `off` never looks. Nothing installs until the core has checked that no sync
 * or export runs and has made a 'pre-update' backup.
 */
export function startUpdater(core: CoreHost, publicKey: string | null, window: () => BrowserWindow | undefined): Updater {
  const feedUrl = app.isPackaged ? packagedFeedUrl() : null;
  const usable = feedUrl !== null && publicKey !== null;
  let busy = false;
  let downloaded: string | null = null;
  let claimed = false;
  let relaunch = false;

  const message = (title: string, detail: string, buttons = ['OK']) => {
    const options = {
      type: 'info' as const,
      title: 'Outpost updates',
      message: title,
      detail,
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
    };
    const parent = window();
    return (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)).then((r) => r.response);
  };

  function useFeed(url: string, channel: string, prerelease: boolean): void {
    const feed: SignedFeed = { url, publicKey: publicKey! };
    autoUpdater.setFeedURL({ provider: 'custom', updateProvider: SignedGenericProvider, ...feed });
    autoUpdater.channel = channel;
    autoUpdater.allowPrerelease = prerelease;
    // Setting a channel allows downgrades; an older version cannot open a database a newer one migrated.
    autoUpdater.allowDowngrade = false;
  }

  if (usable) {
    autoUpdater.autoDownload = false;
    // Installing on quit is ours to start (prepareForQuit), once the core has made its backup.
    autoUpdater.autoInstallOnAppQuit = false;
  }

  async function claim(version: string): Promise<string | null> {
    if (claimed) return null;
    try {
      await core.prepareUpdate(version);
      claimed = true;
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function offerRestart(version: string): Promise<void> {
    const now = await message(
      `Outpost ${version} is ready to install`,
      'Restart Outpost now to install it, or it installs when you next quit.',
      ['Restart now', 'When I quit'],
    );
    if (now !== 0) return;
    const refused = await claim(version);
    if (refused) {
      await message(
        'Outpost will update later',
        `A sync or an export is still running (${refused}). The update installs when you next quit.`,
      );
      return;
    }
    relaunch = true;
    app.quit();
  }

  async function check(interactive: boolean): Promise<void> {
    if (!usable) {
      if (interactive)
        await message(
          'Updates are not set up',
          'This build has no update server or no update key: install new versions from a file or with your deployment tool.',
        );
      return;
    }
    if (downloaded) {
      if (interactive) await offerRestart(downloaded);
      return;
    }
    if (busy) return;
    busy = true;
    try {
      const { policy, channel } = await core.updatePolicy();
      if (policy === 'off') {
        if (interactive)
          await message('Updates are turned off on this computer', 'Your IT administrator installs new versions of Outpost.');
        return;
      }
      useFeed(feedUrl, channel === 'beta' ? 'beta' : 'latest', channel === 'beta');
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) {
        if (interactive) await message('Outpost is up to date', `You have version ${app.getVersion()}.`);
        return;
      }
      const { version } = result.updateInfo;
      if (policy === 'notify' && (await message(`Outpost ${version} is available`, 'Download it now?', ['Download', 'Not now'])) !== 0)
        return;
      await autoUpdater.downloadUpdate();
      downloaded = version;
      if (policy === 'notify') await offerRestart(version);
    } catch (error) {
      console.error('updates: check failed', error);
      if (interactive) dialog.showErrorBox('Outpost could not check for updates', error instanceof Error ? error.message : String(error));
    } finally {
      busy = false;
    }
  }

  if (usable) {
    setTimeout(() => void check(false), firstCheckAfterMs);
    setInterval(() => void check(false), checkEveryMs);
  }

  return {
    checkNow: () => check(true),

    async installPackage(folder, manifest) {
      if (!usable || busy)
        throw new Error(usable ? 'An update check is running; try again in a moment.' : 'This build cannot install updates.');
      busy = true;
      const served = await serveFolder(folder);
      try {
        useFeed(served.url, channelOf(manifest), true);
        const result = await autoUpdater.checkForUpdates();
        if (!result?.isUpdateAvailable) throw new Error('The package is not newer than this version.');
        await autoUpdater.downloadUpdate();
        // The core claimed the update and made its backup before asking for this install.
        downloaded = result.updateInfo.version;
        claimed = true;
        relaunch = true;
        setTimeout(() => app.quit(), 1000);
      } catch (error) {
        useFeed(feedUrl, 'latest', false);
        throw error;
      } finally {
        served.close();
        busy = false;
      }
    },

    async prepareForQuit() {
      if (!downloaded) return false;
      const refused = await claim(downloaded);
      if (refused) console.warn(`updates: ${downloaded} not installed at quit: ${refused}`);
      return refused === null;
    },

    installAfterQuit() {
      autoUpdater.once('error', () => app.quit());
      setTimeout(() => app.quit(), installTimeoutMs);
      autoUpdater.autoRunAppAfterInstall = relaunch;
      autoUpdater.quitAndInstall(true, relaunch);
    },
  };
}
