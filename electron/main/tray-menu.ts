// The tray: the engine connection's state at a glance, connect/disconnect, open, quit. The menu
// is rebuilt from the switch's state on every change so it never shows a stale action.
import type { Menu as MenuType, MenuItemConstructorOptions, NativeImage, Tray as TrayType } from 'electron';
import type { EngineSwitch } from '../../engine/src/service/engine-switch.js';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon.js';

export interface TrayActions {
  showWindow(): void;
  quit(): void;
  /** Errors of connect/disconnect, for the user (a dialog or notification). */
  reportError(message: string): void;
}

const STATE_LABEL = {
  connecting: 'connecting…',
  connected: 'connected',
  disconnecting: 'disconnecting…',
  disconnected: 'disconnected',
} as const;

export function trayMenuTemplate(
  connection: EngineSwitch,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const busy = connection.state === 'connecting' || connection.state === 'disconnecting';
  const where = connection.location ? ` (${connection.location})` : '';
  const status = `Engine${where}: ${STATE_LABEL[connection.state]}`;
  const run = (work: () => Promise<void>) => () =>
    void work().catch((e: Error) => actions.reportError(e.message));
  return [
    { label: 'Open Berth Desktop', click: () => actions.showWindow() },
    { type: 'separator' },
    { label: status, enabled: false },
    ...(connection.lastError
      ? [{ label: `Last error: ${connection.lastError.slice(0, 80)}`, enabled: false }]
      : []),
    connection.state === 'connected'
      ? { label: 'Disconnect', enabled: !busy, click: run(() => connection.disconnect()) }
      : { label: 'Connect', enabled: !busy, click: run(() => connection.connect()) },
    { type: 'separator' },
    { label: 'Quit Berth Desktop', role: 'quit', click: () => actions.quit() },
  ];
}

export interface TrayDeps {
  Tray: new (image: NativeImage) => TrayType;
  Menu: Pick<typeof MenuType, 'buildFromTemplate'>;
  nativeImage: { createFromDataURL(url: string): NativeImage };
}

/** Creates the tray and keeps its menu in step with the connection; returns a disposer. */
export function createTray(deps: TrayDeps, connection: EngineSwitch, actions: TrayActions): () => void {
  const tray = new deps.Tray(
    deps.nativeImage.createFromDataURL(`data:image/png;base64,${TRAY_ICON_PNG_BASE64}`),
  );
  const refresh = () => {
    tray.setToolTip(`Berth Desktop: engine ${STATE_LABEL[connection.state]}`);
    tray.setContextMenu(deps.Menu.buildFromTemplate(trayMenuTemplate(connection, actions)));
  };
  refresh();
  const stop = connection.onChange(refresh);
  tray.on('click', () => actions.showWindow());
  return () => {
    stop();
    tray.destroy();
  };
}
