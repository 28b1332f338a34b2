// Binds the engine contract to Electron IPC: calls arrive on the invoke channel and are answered
// as its result; streams use one channel both ways. One dispatcher per window (webContents), so
// a window's streams stop when it closes. Messages from any frame other than our own app are
// refused, and every message is validated by the dispatcher against the contract.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Engine } from '../../engine/src/contract/engine-contract.js';
import { InvokeRequest, INVOKE_CHANNEL, STREAM_CHANNEL } from '../../engine/src/contract/desktop-bridge.js';
import type { CallOutcome } from '../../engine/src/contract/wire-messages.js';
import { ContractDispatcher, type DispatcherOptions } from '../../engine/src/service/contract-dispatcher.js';

export { INVOKE_CHANNEL, STREAM_CHANNEL };

export function bindContractToIpc(
  ipcMain: Pick<IpcMain, 'on' | 'removeListener' | 'handle' | 'removeHandler'>,
  engine: Engine,
  isTrustedUrl: (url: string) => boolean,
  options: DispatcherOptions = {},
): () => void {
  const dispatchers = new Map<number, ContractDispatcher>();
  const dispatcherFor = (sender: WebContents): ContractDispatcher => {
    let dispatcher = dispatchers.get(sender.id);
    if (!dispatcher) {
      dispatcher = new ContractDispatcher(
        engine,
        (message) => {
          if (message.kind !== 'result' && !sender.isDestroyed()) sender.send(STREAM_CHANNEL, message);
        },
        options,
      );
      dispatchers.set(sender.id, dispatcher);
      sender.once('destroyed', () => {
        dispatchers.get(sender.id)?.close();
        dispatchers.delete(sender.id);
      });
    }
    return dispatcher;
  };
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) => isTrustedUrl(event.senderFrame?.url ?? '');

  const onInvoke = async (event: IpcMainInvokeEvent, request: unknown): Promise<CallOutcome> => {
    if (!trusted(event))
      return { ok: false, error: { message: 'this page may not use the engine', code: 'forbidden' } };
    const parsed = InvokeRequest.safeParse(request);
    if (!parsed.success)
      return {
        ok: false,
        error: { message: 'malformed call: expected { method, input }', code: 'invalid-input' },
      };
    return dispatcherFor(event.sender).call(parsed.data.method, parsed.data.input);
  };
  const onStreamMessage = (event: IpcMainEvent, message: unknown) => {
    // Calls belong on the invoke channel, where they get their answer.
    if (!trusted(event) || (message as { kind?: unknown } | null)?.kind === 'call') return;
    void dispatcherFor(event.sender).handle(message);
  };
  ipcMain.handle(INVOKE_CHANNEL, onInvoke);
  ipcMain.on(STREAM_CHANNEL, onStreamMessage);
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    ipcMain.removeListener(STREAM_CHANNEL, onStreamMessage);
    for (const dispatcher of dispatchers.values()) dispatcher.close();
    dispatchers.clear();
  };
}
