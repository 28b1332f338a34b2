// Request bookkeeping shared by every renderer transport: numbers calls, keeps their promises,
// and settles them from the server's `result` messages.
import type { ServerMessage } from '../../../engine/src/contract/wire-messages.js';
import { EngineCallError } from './transport.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  message: object;
}

export class CallTracker {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Registers a call; returns its message (to send now or on reconnect) and its promise. */
  start(method: string, input: unknown): { message: object; result: Promise<unknown> } {
    const id = this.nextId++;
    const message = { kind: 'call', id, method, input };
    const result = new Promise<unknown>((resolve, reject) =>
      this.pending.set(id, { resolve, reject, message }),
    );
    return { message, result };
  }

  settle(message: ServerMessage): void {
    if (message.kind !== 'result') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(EngineCallError.from(message.error));
  }

  /** Messages of calls still waiting, to re-send after a reconnect. */
  unanswered(): object[] {
    return [...this.pending.values()].map((p) => p.message);
  }

  failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
