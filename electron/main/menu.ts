import { app, Menu, type MenuItemConstructorOptions } from 'electron';

/** Standard roles, and "Check for Updates…"; developer tools exist only in unpackaged builds. */
export function applicationMenu(checkForUpdates: () => void): Menu {
  const isMac = process.platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = app.isPackaged ? [] : [{ role: 'toggleDevTools' }];
  const updates: MenuItemConstructorOptions = { label: 'Check for Updates…', click: checkForUpdates };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' },
              updates,
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
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
    { role: 'help', submenu: isMac ? [] : [updates, { type: 'separator' }, { role: 'about' }] },
  ];
  return Menu.buildFromTemplate(template);
}
