import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app } from 'electron';

/** The one page the app shows; anything else a window tries to open is refused. */
export interface AppPage {
  readonly url: string;
  /** True only under `electron-vite dev`, where the page comes from Vite's server. */
  readonly fromDevServer: boolean;
  isAppPage(candidate: string): boolean;
}

export function appPage(): AppPage {
  // A packaged app never takes its page from the environment.
  const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const url = devServer ?? pathToFileURL(path.join(import.meta.dirname, '../renderer/index.html')).href;
  const base = new URL(url);
  return {
    url,
    fromDevServer: devServer !== undefined,
    isAppPage(candidate) {
      let target: URL;
      try {
        target = new URL(candidate);
      } catch {
        return false;
      }
      if (target.protocol !== base.protocol) return false;
      // file: URLs share the opaque origin "null", so the path itself must match.
      return base.protocol === 'file:' ? target.pathname === base.pathname : target.origin === base.origin;
    },
  };
}
