// The engine behind the app's IPC can be disconnected and connected again from the tray without
// re-binding IPC: the dispatcher holds this stand-in, which forwards to the current engine or,
// while there is none, fails every call with an error that says how to reconnect.
import type { Engine } from '../../engine/src/contract/engine-contract.js';
import { EngineError } from '../../engine/src/service/engine-error.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnecting' | 'disconnected';

export interface OpenedEngine {
  engine: Engine;
  /** "local" or the connection's name, shown in the tray. */
  location: string;
  close(): Promise<void>;
}

export interface EngineSwitch {
  /** Stable object to bind to IPC. */
  readonly engine: Engine;
  readonly state: ConnectionState;
  readonly location: string | undefined;
  /** The last connect error, until the next attempt. */
  readonly lastError: string | undefined;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  onChange(listener: () => void): () => void;
}

const DISCONNECTED =
  'Berth Desktop is disconnected from its engine: choose Connect in the tray menu (or restart the app)';

export function createEngineSwitch(open: () => Promise<OpenedEngine>): EngineSwitch {
  let current: OpenedEngine | undefined;
  let state: ConnectionState = 'disconnected';
  let lastError: string | undefined;
  let pending: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const setState = (next: ConnectionState) => {
    state = next;
    for (const l of listeners) l();
  };

  const engine = new Proxy({} as Engine, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return (...args: unknown[]) => {
        const target = current?.engine as unknown as Record<string, (...a: unknown[]) => unknown> | undefined;
        const method = target?.[name];
        if (typeof method === 'function') return method.apply(target, args);
        if (!target) throw new EngineError(DISCONNECTED, 'engine');
        throw new EngineError(`the engine has no method ${name}`, 'unknown-method');
      };
    },
  });

  // One transition at a time: a second click while connecting waits for the first.
  const serial = (work: () => Promise<void>): Promise<void> => {
    const run = (pending ?? Promise.resolve()).then(work);
    // The queue only waits; each caller gets its own outcome (and handles its own error).
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    pending = settled;
    void settled.then(() => {
      if (pending === settled) pending = undefined;
    });
    return run;
  };

  return {
    engine,
    get state() {
      return state;
    },
    get location() {
      return current?.location;
    },
    get lastError() {
      return lastError;
    },
    connect: () =>
      serial(async () => {
        if (current) return;
        setState('connecting');
        lastError = undefined;
        try {
          current = await open();
          setState('connected');
        } catch (error) {
          lastError = (error as Error).message;
          setState('disconnected');
          throw error;
        }
      }),
    disconnect: () =>
      serial(async () => {
        const closing = current;
        if (!closing) return;
        setState('disconnecting');
        current = undefined;
        try {
          await closing.close();
        } finally {
          setState('disconnected');
        }
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
