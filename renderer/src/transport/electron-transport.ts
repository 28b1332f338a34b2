// The desktop window's transport: the contract over the preload bridge (Electron IPC). The
// bridge is the only thing preload exposes; it carries the same messages as web mode.
import type { ServerMessage } from '../../../engine/src/contract/wire-messages.js';
import { CallTracker } from './call-tracker.js';
import type { Transport, TransportStatus } from './transport.js';

/** What electron/preload exposes on `window.berthBridge`. */
export interface BerthBridge {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

export class ElectronTransport implements Transport {
  private readonly calls = new CallTracker();
  private readonly unsubscribe: () => void;

  constructor(private readonly bridge: BerthBridge) {
    this.unsubscribe = bridge.onMessage((message) => this.calls.settle(message as ServerMessage));
  }

  call(method: string, input: unknown): Promise<unknown> {
    const { message, result } = this.calls.start(method, input);
    this.bridge.send(message);
    return result;
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    // IPC to the main process that owns this window is always up while the window exists.
    listener('connected');
    return () => undefined;
  }

  close(): void {
    this.unsubscribe();
  }
}
