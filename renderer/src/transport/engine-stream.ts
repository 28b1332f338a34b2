// A stream from the engine as the renderer reads it: an async iterable of items. Stopping early
// (break, `cancel()`, or aborting the signal given at open, e.g. when a view unmounts) cancels
// it at the source. Credit is granted as items are consumed, so a busy renderer slows the engine
// down instead of buffering without bound.
import { AsyncQueue } from '../../../engine/src/contract/async-queue.js';
import { EngineCallError, type StreamChannel, type Transport } from './transport.js';

/**
 * The contract's DEFAULT_STREAM_WINDOW (engine-stream.test.ts checks they agree), not imported:
 * wire-messages.ts holds the zod schemas, which the app's first screen has no use for.
 */
export const DEFAULT_STREAM_WINDOW = 64;

export interface OpenStreamOptions {
  signal?: AbortSignal;
  /** Items in flight before the engine waits for this consumer. */
  window?: number;
}

export class EngineStream<Item, Send = never> implements AsyncIterable<Item> {
  private readonly queue: AsyncQueue<Item>;
  private readonly channel: StreamChannel;
  private readonly window: number;
  private consumed = 0;
  private finished = false;
  private readonly detachSignal: () => void = () => undefined;

  constructor(transport: Transport, name: string, input: unknown, options: OpenStreamOptions = {}) {
    this.window = options.window ?? DEFAULT_STREAM_WINDOW;
    this.queue = new AsyncQueue<Item>({ onTake: () => this.took(), onReturn: () => this.cancel() });
    this.channel = transport.openStream(name, input, this.window, {
      item: (value) => this.queue.push(value as Item),
      end: (error) => {
        this.finish();
        this.queue.end(error ? EngineCallError.from(error) : undefined);
      },
    });
    const { signal } = options;
    if (signal) {
      const onAbort = () => this.cancel();
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.detachSignal = () => signal.removeEventListener('abort', onAbort);
      }
    }
  }

  /** True once the stream ended, failed or was cancelled. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** Into a duplex stream (terminal input, resize). */
  send(value: Send): void {
    if (!this.finished) this.channel.send(value);
  }

  /** Stops the stream at the source; iteration ends after what already arrived is dropped. */
  cancel(): void {
    if (this.finished) return;
    this.finish();
    this.channel.cancel();
    this.queue.end();
  }

  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.queue[Symbol.asyncIterator]();
  }

  private took(): void {
    if (this.finished) return;
    this.consumed++;
    // Grant credit in batches: one message per half window, not one per item.
    if (this.consumed >= Math.max(1, Math.floor(this.window / 2))) {
      this.channel.credit(this.consumed);
      this.consumed = 0;
    }
  }

  private finish(): void {
    this.finished = true;
    this.detachSignal();
  }
}
