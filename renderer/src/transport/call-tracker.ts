// Request bookkeeping of the WebSocket transport: numbers calls, keeps their promises, and
// settles them from the server's `result` messages. A call that went out on a connection that
// then dropped fails (it may or may not have run: re-sending a delete or a tag is not safe);
// a call made while disconnected waits and goes out once the connection is back, unless it went
// over HTTP meanwhile (web mode's `POST /call`), which answers it on its own.
import type { ServerMessage } from '../../../engine/src/contract/wire-messages.js';
import { EngineCallError } from './transport.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  message: object;
  /** Where it went: nowhere yet, on the socket, or as an HTTP request. */
  via: 'none' | 'socket' | 'http';
}

export class CallTracker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Registers a call; returns its message (to send now or once connected) and its promise. */
  start(method: string, input: unknown): { id: number; message: object; result: Promise<unknown> } {
    const id = this.nextId++;
    const message = { kind: 'call', id, method, input };
    const result = new Promise<unknown>((resolve, reject) =>
      this.pending.set(id, { resolve, reject, message, via: 'none' }),
    );
    return { id, message, result };
  }

  markSent(id: number, via: 'socket' | 'http' = 'socket'): void {
    const pending = this.pending.get(id);
    if (pending) pending.via = via;
  }

  /** An HTTP request that never reached the engine: the call waits for the socket again. */
  markUnsent(id: number): void {
    const pending = this.pending.get(id);
    if (pending) pending.via = 'none';
  }

  settle(message: ServerMessage): void {
    if (message.kind !== 'result') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(EngineCallError.from(message.error));
  }

  /** Settles a call with an error of the transport's own (an HTTP request refused). */
  fail(id: number, error: Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.reject(error);
  }

  /** Calls not sent yet, to send once connected; they count as sent from then on. */
  takeUnsent(): object[] {
    const out: object[] = [];
    for (const pending of this.pending.values()) {
      if (pending.via !== 'none') continue;
      pending.via = 'socket';
      out.push(pending.message);
    }
    return out;
  }

  /** The connection dropped: calls that went out on it fail. */
  failSent(error: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.via !== 'socket') continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
