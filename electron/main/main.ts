// Electron main: embeds the engine, opens the window, and serves the contract over IPC. Thin by
// design: everything testable lives in the engine and the renderer.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEngine } from '../../engine/src/engine/local-engine.js';
import { CONTENT_SECURITY_POLICY } from '../../engine/src/desktop-web/static-files.js';
import { bindContractToIpc } from './contract-ipc.js';
import { isAppUrl, lockNavigation, rendererEntry, secureWindowOptions } from './main-window.js';
import { loadWindowBounds, saveWindowBounds } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');

async function openMainWindow(): Promise<void> {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const bounds = loadWindowBounds(stateFile);
  const win = new BrowserWindow(secureWindowOptions(preloadPath, bounds));
  lockNavigation(win, rendererDir, shell);
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () =>
    saveWindowBounds(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }),
  );
  await win.loadURL(rendererEntry(rendererDir));
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  const engine = createLocalEngine();
  const unbind = bindContractToIpc(ipcMain, engine, (url) => isAppUrl(url, rendererDir));
  app.once('will-quit', () => {
    unbind();
    engine.close();
  });
  await openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
});

app.on('window-all-closed', () => {
  // Containers run under conmon, not under this process: quitting the app stops nothing.
  if (process.platform !== 'darwin') app.quit();
});
