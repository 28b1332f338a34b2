// Electron main: embeds the engine, opens the window, and serves the contract over IPC. Thin by
// design: everything testable lives in the engine and the renderer.
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, session, shell, Tray } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../engine/src/desktop-web/static-files.js';
import { openDesktopBackend } from '../../engine/src/service/desktop-backend.js';
import { appMenuTemplate } from './app-menu.js';
import { bindContractToIpc } from './contract-ipc.js';
import { createTray } from './tray-menu.js';
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
  // CONTAINER_CONNECTION / CONTAINER_HOST point the app at a remote service; else the engine last
  // chosen in the app, else the embedded one. The switch behind the served object lets Settings
  // change engines and the tray disconnect and reconnect without re-binding IPC; the host's
  // machines are served next to whichever engine is connected.
  const backend = openDesktopBackend({ choice: {}, local: {} });
  const connection = backend.connection;
  const unbind = bindContractToIpc(ipcMain, backend.service, (url) => isAppUrl(url, rendererDir));
  const showWindow = () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) win.show();
    else void openMainWindow();
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        development: !app.isPackaged,
        showWindow,
        // The README ships inside the app (electron-builder `files`): no remote content.
        openDocs: () => void shell.openPath(path.join(app.getAppPath(), 'README.md')),
      }),
    ),
  );
  const disposeTray = createTray({ Tray, Menu, nativeImage }, connection, {
    showWindow,
    quit: () => app.quit(),
    reportError: (message) => dialog.showErrorBox('Berth Desktop', message),
  });
  app.once('will-quit', () => {
    disposeTray();
    unbind();
    void backend.close();
  });
  await backend
    .start()
    .then(({ notes }) => notes.forEach((note) => console.warn(`Berth Desktop: ${note}`)))
    .catch((error: Error) => dialog.showErrorBox('Berth Desktop', error.message));
  await openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow();
  });
});

app.on('window-all-closed', () => {
  // Containers run under conmon, not under this process: quitting the app stops nothing.
  if (process.platform !== 'darwin') app.quit();
});
