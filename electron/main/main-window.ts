// The one app window, locked down: sandboxed renderer, context isolation, no Node integration,
// no navigation away from the app, new windows refused (http(s) links go to the system browser).
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions, Shell } from 'electron';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { WindowBounds } from './window-state.js';

export function secureWindowOptions(
  preloadPath: string,
  bounds: WindowBounds | undefined,
): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds?.x !== undefined && bounds?.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 560,
    title: 'Berth Desktop',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export function rendererEntry(rendererDir: string): string {
  return pathToFileURL(path.join(rendererDir, 'index.html')).href;
}

/** Only our own files may talk to the engine or be navigated to. */
export function isAppUrl(url: string, rendererDir: string): boolean {
  const base = pathToFileURL(rendererDir + path.sep).href;
  return url.startsWith(base);
}

export function lockNavigation(
  win: BrowserWindowType,
  rendererDir: string,
  shell: Pick<Shell, 'openExternal'>,
): void {
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererDir)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
