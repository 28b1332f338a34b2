// The only bridge between the sandboxed renderer and the main process: `berthBridge` with one
// `invoke` and one `stream` (no global per call). Bundled to CommonJS: sandboxed preloads cannot
// load ES modules.
import { contextBridge, ipcRenderer } from 'electron';
import { createBerthBridge } from './berth-bridge.js';

contextBridge.exposeInMainWorld('berthBridge', createBerthBridge(ipcRenderer));
