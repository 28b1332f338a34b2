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

export interface Transport {
  call(method: string, input: unknown): Promise<unknown>;
  /** Connection state, for the status indicator. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
  close(): void;
}

export type TransportStatus = 'connecting' | 'connected' | 'disconnected';
