import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import type { AppPage } from './app-page';
import { minWindowSize, restoreWindowState, type WindowState } from './window-state';

function readSavedState(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function saveState(window: BrowserWindow, file: string): void {
  const state: WindowState = { ...window.getNormalBounds(), maximized: window.isMaximized() };
  try {
    fs.writeFileSync(file, JSON.stringify(state));
  } catch (error) {
    console.warn('main: could not save the window position', error);
  }
}

export function createMainWindow(page: AppPage): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = restoreWindowState(readSavedState(stateFile), workAreas);

  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    title: 'Outpost',
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      // The page is untrusted as far as the OS is concerned: no Node, its own JS world, an OS sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise ask for a new window (which would be denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => saveState(window, stateFile));
  window.loadURL(page.url).catch((error: unknown) => console.error('main: could not load the app page', error));
  return window;
}
