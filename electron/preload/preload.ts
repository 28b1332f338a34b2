// The only bridge between the sandboxed renderer and the main process: one channel each way
// carrying contract messages (no global per call). Bundled to CommonJS: sandboxed preloads
// cannot load ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

export const CONTRACT_CHANNEL = 'berth:contract';

contextBridge.exposeInMainWorld('berthBridge', {
  send: (message: unknown) => ipcRenderer.send(CONTRACT_CHANNEL, message),
  onMessage: (listener: (message: unknown) => void) => {
    const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
    ipcRenderer.on(CONTRACT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(CONTRACT_CHANNEL, handler);
  },
});
