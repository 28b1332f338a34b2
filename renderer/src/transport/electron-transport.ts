// The desktop window's transport: the contract over the preload bridge (Electron IPC). The
// bridge (`invoke` + `stream`) is the only thing preload exposes.
import type { BerthBridge } from '../../../engine/src/contract/desktop-bridge.js';
import {
  EngineCallError,
  type StreamChannel,
  type StreamSink,
  type Transport,
  type TransportStatus,
} from './transport.js';

export type { BerthBridge };

export class ElectronTransport implements Transport {
  constructor(private readonly bridge: BerthBridge) {}

  async call(method: string, input: unknown): Promise<unknown> {
    const outcome = await this.bridge.invoke(method, input);
    if (outcome.ok) return outcome.value;
    throw EngineCallError.from(outcome.error);
  }

  openStream(name: string, input: unknown, window: number, sink: StreamSink): StreamChannel {
    return this.bridge.stream(name, input, window, (message) => {
      if (message.kind === 'item') sink.item(message.value);
      else sink.end(message.error);
    });
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    // IPC to the main process that owns this window is always up while the window exists.
    listener('connected');
    return () => undefined;
  }

  close(): void {
    // Streams are cancelled by their owners; main closes the rest when the window goes.
  }
}
