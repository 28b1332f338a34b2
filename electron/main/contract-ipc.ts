// Binds the engine contract to Electron IPC: one dispatcher per window (webContents), fed by the
// preload bridge's single channel. Messages from any frame other than our own app are ignored.
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { EngineCalls } from '../../engine/src/contract/engine-contract.js';
import { ContractDispatcher } from '../../engine/src/service/contract-dispatcher.js';

export const CONTRACT_CHANNEL = 'berth:contract';

export function bindContractToIpc(
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>,
  engine: EngineCalls,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  const dispatchers = new Map<number, ContractDispatcher>();
  const dispatcherFor = (sender: WebContents): ContractDispatcher => {
    let dispatcher = dispatchers.get(sender.id);
    if (!dispatcher) {
      dispatcher = new ContractDispatcher(engine, (message) => {
        if (!sender.isDestroyed()) sender.send(CONTRACT_CHANNEL, message);
      });
      dispatchers.set(sender.id, dispatcher);
      sender.once('destroyed', () => {
        dispatchers.get(sender.id)?.close();
        dispatchers.delete(sender.id);
      });
    }
    return dispatcher;
  };
  const onMessage = (event: IpcMainEvent, message: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) return;
    void dispatcherFor(event.sender).handle(message);
  };
  ipcMain.on(CONTRACT_CHANNEL, onMessage);
  return () => ipcMain.removeListener(CONTRACT_CHANNEL, onMessage);
}
