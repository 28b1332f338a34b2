// The one bridge Electron's preload exposes to the sandboxed renderer (`window.berthBridge`):
// `invoke` for calls and `stream` for streams, carrying the contract's messages. Nothing else
// crosses from the page to the main process; main validates every message it receives.
import { z } from 'zod';
import type { CallOutcome, StreamMessage } from './wire-messages.js';

export const INVOKE_CHANNEL = 'berth:invoke';
export const STREAM_CHANNEL = 'berth:stream';

/** The request of an invoke, as main validates it. */
export const InvokeRequest = z.object({ method: z.string().max(100), input: z.unknown() }).strict();

export interface BridgeStream {
  /** Into a duplex stream (terminal input, resize). */
  send(value: unknown): void;
  /** The consumer took this many items: the engine may send as many more. */
  credit(items: number): void;
  /** Stops the stream at the source; no more messages arrive. */
  cancel(): void;
}

export interface BerthBridge {
  invoke(method: string, input: unknown): Promise<CallOutcome>;
  /** Opens a stream; `listener` gets its items and then one `end`. */
  stream(
    name: string,
    input: unknown,
    window: number,
    listener: (message: StreamMessage) => void,
  ): BridgeStream;
}
