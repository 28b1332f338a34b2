// Serves the contract to one front-end connection: validates each message and its input against
// the contract's schemas, calls the engine, and answers. Transport-neutral: the web mode's
// WebSocket and Electron's IPC both feed it raw messages and deliver what it sends.
//
// Streams are pulled from the engine's async iterable only while the client has credit, so a
// slow client slows the source instead of filling memory; cancelling (or the connection closing)
// aborts the stream's signal and stops the iterable at the source.
import type { z } from 'zod';
import { AsyncQueue } from '../contract/async-queue.js';
import type { ContractTables } from '../contract/contract-spec.js';
import { CONTRACT, type Engine } from '../contract/engine-contract.js';
import {
  ClientMessage,
  MAX_STREAM_WINDOW,
  type CallOutcome,
  type ServerMessage,
  type WireError,
} from '../contract/wire-messages.js';
import { toWireError } from './engine-error.js';

export interface DispatcherOptions {
  /** The contract served; tests serve small ones of their own. */
  contract?: ContractTables;
  /** Streams one connection may have open at once. */
  maxOpenStreams?: number;
  /** `send` messages a duplex stream may have waiting before it is ended as overflowing. */
  maxPendingSends?: number;
}

type Handler = (input: unknown, context?: unknown) => unknown;

interface OpenStream {
  controller: AbortController;
  credit: number;
  creditArrived: (() => void) | undefined;
  incoming: AsyncQueue<unknown>;
  sendSchema: z.ZodType;
}

function invalid(what: string, issues: readonly z.core.$ZodIssue[]): WireError {
  const issue = issues[0];
  const where = issue?.path.join('.') || 'input';
  return { message: `invalid ${what}: ${where}: ${issue?.message ?? 'invalid'}`, code: 'invalid-input' };
}

export class ContractDispatcher {
  private readonly streams = new Map<number, OpenStream>();
  private readonly contract: ContractTables;
  private readonly maxOpenStreams: number;
  private readonly maxPendingSends: number;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly send: (message: ServerMessage) => void,
    options: DispatcherOptions = {},
  ) {
    this.contract = options.contract ?? CONTRACT;
    this.maxOpenStreams = options.maxOpenStreams ?? 64;
    this.maxPendingSends = options.maxPendingSends ?? 256;
  }

  /** Number of streams open now (for tests and diagnostics). */
  get openStreamCount(): number {
    return this.streams.size;
  }

  async handle(raw: unknown): Promise<void> {
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      const issue = parsed.error.issues[0];
      this.send({
        kind: 'result',
        id,
        ok: false,
        error: {
          message: `malformed message: ${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`,
          code: 'invalid-input',
        },
      });
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'call': {
        const outcome = await this.call(message.method, message.input);
        this.send({ kind: 'result', id: message.id, ...outcome });
        return;
      }
      case 'open':
        return this.open(message.id, message.stream, message.input, message.window);
      case 'credit': {
        const stream = this.streams.get(message.id);
        if (!stream) return;
        stream.credit = Math.min(stream.credit + message.items, MAX_STREAM_WINDOW);
        stream.creditArrived?.();
        return;
      }
      case 'send':
        return this.receive(message.id, message.value);
      case 'cancel':
        this.stop(message.id);
        return;
    }
  }

  /** One request/response call; used by `handle` and directly by Electron's invoke channel. */
  async call(method: string, input: unknown): Promise<CallOutcome> {
    if (!Object.prototype.hasOwnProperty.call(this.contract.calls, method))
      return { ok: false, error: { message: `unknown method "${method}"`, code: 'unknown-method' } };
    const checked = this.contract.calls[method]!.input.safeParse(input ?? {});
    if (!checked.success) return { ok: false, error: invalid(`input for ${method}`, checked.error.issues) };
    try {
      const handler = (this.engine as unknown as Record<string, Handler>)[method];
      if (typeof handler !== 'function') throw new Error(`this engine does not implement ${method}`);
      return { ok: true, value: await handler(checked.data) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  }

  private open(id: number, name: string, input: unknown, window: number): void {
    const refuse = (error: WireError) => this.send({ kind: 'end', id, error });
    if (this.closed) return;
    if (!Object.prototype.hasOwnProperty.call(this.contract.streams, name))
      return refuse({ message: `unknown stream "${name}"`, code: 'unknown-method' });
    if (this.streams.has(id)) {
      this.stop(id);
      return refuse({ message: `stream id ${id} is already open`, code: 'invalid-input' });
    }
    if (this.streams.size >= this.maxOpenStreams)
      return refuse({
        message: `too many open streams (${this.maxOpenStreams}): close some views first`,
        code: 'too-many-streams',
      });
    const spec = this.contract.streams[name]!;
    const checked = spec.input.safeParse(input ?? {});
    if (!checked.success) return refuse(invalid(`input for ${name}`, checked.error.issues));
    const handler = (this.engine as unknown as Record<string, Handler>)[name];
    if (typeof handler !== 'function')
      return refuse({ message: `this engine does not implement ${name}`, code: 'unknown-method' });

    const stream: OpenStream = {
      controller: new AbortController(),
      credit: window,
      creditArrived: undefined,
      incoming: new AsyncQueue<unknown>(),
      sendSchema: spec.send,
    };
    this.streams.set(id, stream);
    let source: AsyncIterable<unknown>;
    try {
      source = handler(checked.data, {
        signal: stream.controller.signal,
        incoming: stream.incoming,
      }) as AsyncIterable<unknown>;
    } catch (error) {
      this.streams.delete(id);
      return refuse(toWireError(error));
    }
    void this.pump(id, stream, source);
  }

  private async pump(id: number, stream: OpenStream, source: AsyncIterable<unknown>): Promise<void> {
    const { signal } = stream.controller;
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal.aborted) resolve('aborted');
      else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    let iterator: AsyncIterator<unknown> | undefined;
    try {
      iterator = source[Symbol.asyncIterator]();
      while (true) {
        const next = iterator.next();
        // If the stream is cancelled while the source is waiting, its pending next() may still
        // reject later (the source noticing the abort): that is expected, not unhandled.
        next.catch(() => undefined);
        const result = await Promise.race([next, aborted]);
        if (result === 'aborted') break;
        if (result.done) {
          this.send({ kind: 'end', id });
          return;
        }
        while (stream.credit === 0 && !signal.aborted) {
          await Promise.race([new Promise<void>((resolve) => (stream.creditArrived = resolve)), aborted]);
          stream.creditArrived = undefined;
        }
        if (signal.aborted) break;
        stream.credit--;
        this.send({ kind: 'item', id, value: result.value });
      }
      // Cancelled: stop the source (it also sees the aborted signal).
      void iterator.return?.()?.catch(() => undefined);
    } catch (error) {
      if (!signal.aborted) this.send({ kind: 'end', id, error: toWireError(error) });
    } finally {
      stream.incoming.end();
      if (this.streams.get(id) === stream) this.streams.delete(id);
    }
  }

  private receive(id: number, value: unknown): void {
    const stream = this.streams.get(id);
    if (!stream) return; // it ended while the message was on its way
    const checked = stream.sendSchema.safeParse(value);
    if (!checked.success) {
      this.fail(id, invalid('message sent into the stream', checked.error.issues));
      return;
    }
    if (stream.incoming.size >= this.maxPendingSends) {
      this.fail(id, {
        message: `the stream's input is not being read fast enough (${this.maxPendingSends} messages waiting)`,
        code: 'overflow',
      });
      return;
    }
    stream.incoming.push(checked.data);
  }

  private fail(id: number, error: WireError): void {
    this.stop(id);
    this.send({ kind: 'end', id, error });
  }

  private stop(id: number): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    this.streams.delete(id);
    stream.controller.abort();
    stream.incoming.end();
  }

  /** The connection closed: stop every stream it had open. */
  close(): void {
    this.closed = true;
    for (const id of [...this.streams.keys()]) this.stop(id);
  }
}
