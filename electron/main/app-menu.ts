// The application menu. Edit roles matter beyond looks: on macOS copy and paste (also in the
// xterm terminals) only work when the menu has them. Reload and developer tools only in
// development, so a user cannot open a console on the engine's IPC by accident.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  development: boolean;
  openDocs(): void;
  showWindow(): void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(options.development
      ? ([
          { role: 'reload' },
          { role: 'toggleDevTools' },
          { type: 'separator' },
        ] as MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ label: 'Berth Desktop', role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Show Berth Desktop', accelerator: 'CmdOrCtrl+0', click: () => options.showWindow() },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Window', role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Berth documentation', click: () => options.openDocs() }],
    },
  ];
}
