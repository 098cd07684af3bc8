import { app, type Session } from 'electron';
import { contentSecurityPolicy } from '../../common/csp';
import type { AppPage } from './app-page';

/** No web permission (camera, notifications, clipboard read, devices…) is ever granted to a page. */
export function hardenSession(session: Session, page: AppPage): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // Vite's dev server needs its inline refresh preamble and its own socket; every other load gets the
  // same policy as the meta tag of the built page (sent as a header too, where headers apply).
  if (page.fromDevServer) return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
      },
    });
  });
}

/** Every web contents, including any created later, stays on the app page and opens nothing else. */
export function confineWebContents(page: AppPage): void {
  app.on('web-contents-created', (_event, contents) => {
    // Covers the main frame and subframes; loadURL from main does not pass through here.
    contents.on('will-frame-navigate', (event) => {
      if (!page.isAppPage(event.url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
