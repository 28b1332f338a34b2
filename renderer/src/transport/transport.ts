// How the renderer reaches the engine: one interface, two implementations (Electron's preload
// bridge and web mode's WebSocket), carrying the same contract messages.
import type { WireError } from '../../../engine/src/contract/wire-messages.js';

export class EngineCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }

  static from(error: WireError): EngineCallError {
    return new EngineCallError(error.message, error.code);
  }
}

/** Where a transport delivers one stream's messages. */
export interface StreamSink {
  item(value: unknown): void;
  /** Called once: the stream finished (no error), failed, or the connection was lost. */
  end(error?: WireError): void;
}

/** The client's side of one open stream. */
export interface StreamChannel {
  send(value: unknown): void;
  credit(items: number): void;
  cancel(): void;
}

export interface Transport {
  call(method: string, input: unknown): Promise<unknown>;
  /** Opens a stream; the engine sends at most `window` items before `credit` grants more. */
  openStream(name: string, input: unknown, window: number, sink: StreamSink): StreamChannel;
  /** Connection state, for the status indicator and to reopen streams after a reconnect. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
  close(): void;
}

export type TransportStatus = 'connecting' | 'connected' | 'disconnected';

export const DISCONNECTED: WireError = {
  message: 'the connection to the engine was lost',
  code: 'disconnected',
};
