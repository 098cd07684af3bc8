import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** Standard roles only; developer tools exist only in unpackaged builds. */
export function applicationMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = app.isPackaged ? [] : [{ role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        ...devTools,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    // macOS shows About in the app menu; its Help menu keeps only the system search field.
    { role: 'help', submenu: isMac ? [] : [{ role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}
