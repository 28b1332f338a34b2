// An in-memory transport for component tests: calls are answered by the handlers a test gives,
// streams stay open until the test pushes items into them or ends them, and everything the
// components asked for is recorded.
import type { WireError } from '../../../engine/src/contract/wire-messages.js';
import {
  EngineCallError,
  type StreamChannel,
  type StreamSink,
  type Transport,
  type TransportStatus,
} from '../transport/transport.js';

export type CallHandlers = Record<string, (input: never) => unknown>;

export class FakeStream {
  readonly sent: unknown[] = [];
  credits = 0;
  cancelled = false;
  ended = false;
  constructor(
    readonly name: string,
    readonly input: unknown,
    private readonly sink: StreamSink,
  ) {}

  push(item: unknown): void {
    if (!this.ended && !this.cancelled) this.sink.item(item);
  }

  end(error?: WireError): void {
    if (this.ended || this.cancelled) return;
    this.ended = true;
    this.sink.end(error);
  }

  channel(): StreamChannel {
    return {
      send: (value) => this.sent.push(value),
      credit: (items) => (this.credits += items),
      cancel: () => (this.cancelled = true),
    };
  }
}

export class FakeTransport implements Transport {
  readonly calls: { method: string; input: unknown }[] = [];
  readonly streams: FakeStream[] = [];

  constructor(
    private readonly handlers: CallHandlers,
    private readonly streamNames: readonly string[] = ['events.stream', 'images.pull'],
  ) {}

  async call(method: string, input: unknown): Promise<unknown> {
    this.calls.push({ method, input });
    const handler = this.handlers[method];
    if (!handler) throw new EngineCallError(`unknown method "${method}"`, 'unknown-method');
    await Promise.resolve();
    return handler(input as never);
  }

  openStream(name: string, input: unknown, _window: number, sink: StreamSink): StreamChannel {
    const stream = new FakeStream(name, input, sink);
    this.streams.push(stream);
    if (!this.streamNames.includes(name))
      queueMicrotask(() => stream.end({ message: `unknown stream "${name}"`, code: 'unknown-method' }));
    return stream.channel();
  }

  /** The last stream opened under a name. */
  stream(name: string): FakeStream | undefined {
    return this.streams.filter((s) => s.name === name).at(-1);
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  private status: TransportStatus = 'connected';
  private readonly statusListeners = new Set<(status: TransportStatus) => void>();

  /** Simulates the connection dropping and coming back. */
  setStatus(status: TransportStatus): void {
    this.status = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {}
}
