// The bridge behind `window.berthBridge`, built on ipcRenderer: calls go through invoke, streams
// through one channel where each message carries its stream's id. Kept free of contextBridge so
// that it can be tested with a fake ipcRenderer.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  INVOKE_CHANNEL,
  STREAM_CHANNEL,
  type BerthBridge,
} from '../../engine/src/contract/desktop-bridge.js';
import type { CallOutcome, StreamMessage } from '../../engine/src/contract/wire-messages.js';

export function createBerthBridge(ipc: Pick<IpcRenderer, 'invoke' | 'send' | 'on'>): BerthBridge {
  let nextId = 1;
  const listeners = new Map<number, (message: StreamMessage) => void>();
  ipc.on(STREAM_CHANNEL, (_event: IpcRendererEvent, message: StreamMessage) => {
    const listener = listeners.get(message?.id);
    if (!listener) return;
    if (message.kind === 'end') listeners.delete(message.id);
    listener(message);
  });
  return {
    invoke: (method, input) => ipc.invoke(INVOKE_CHANNEL, { method, input }) as Promise<CallOutcome>,
    stream: (name, input, window, listener) => {
      const id = nextId++;
      listeners.set(id, listener);
      ipc.send(STREAM_CHANNEL, { kind: 'open', id, stream: name, input, window });
      return {
        send: (value) => {
          if (listeners.has(id)) ipc.send(STREAM_CHANNEL, { kind: 'send', id, value });
        },
        credit: (items) => {
          if (listeners.has(id)) ipc.send(STREAM_CHANNEL, { kind: 'credit', id, items });
        },
        cancel: () => {
          if (listeners.delete(id)) ipc.send(STREAM_CHANNEL, { kind: 'cancel', id });
        },
      };
    },
  };
}
