// The engine behind the desktop app's transport (Electron IPC, web mode's WebSocket) can change
// while the app runs, without re-binding anything: the dispatcher holds this stand-in, which
// forwards each call to the current engine. `use` switches to another (the tray's connect and
// disconnect close and reopen the same one). Streams opened on an engine end, with code
// `engine-changed`, when it is replaced or disconnected: a front end then reads everything again
// and reopens what it follows. While there is no engine, every call fails saying how to reconnect.
import type {
  EngineConnectionState,
  EngineConnectionStatus,
  EngineTarget,
} from '../contract/connection-types.js';
import { isStreamName, type Engine, type StreamContext } from '../contract/engine-contract.js';
import { EngineError } from './engine-error.js';

export interface OpenedEngine {
  engine: Engine;
  /** "local", the connection's name or the URL: shown in the tray and the app. */
  location: string;
  close(): Promise<void>;
}

export interface EngineSwitchOptions {
  /** Opens (and checks) the engine a target names; throws saying why it cannot. */
  open(target: EngineTarget): Promise<OpenedEngine>;
  /** What `connect` opens until `use` chooses another. */
  initial: EngineTarget;
  /** For the user: "local", the connection's name or the URL. */
  label(target: EngineTarget): string;
}

export interface EngineSwitch {
  /** Stable object to serve: forwards to the current engine. */
  readonly engine: Engine;
  readonly state: EngineConnectionStatus;
  /** The engine in use, or the one `connect` opens while disconnected. */
  readonly target: EngineTarget;
  /** Where the current engine runs; undefined while disconnected. */
  readonly location: string | undefined;
  /** The last connect error, until the next attempt. */
  readonly lastError: string | undefined;
  /** Engines connected so far: changes each time calls start going to another (or a reopened) one. */
  readonly generation: number;
  /** The state as front ends see it. */
  snapshot(): EngineConnectionState;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /**
   * Opens `target` and makes it current, then closes the previous engine. On failure the
   * previous engine stays, and the error says so.
   */
  use(target: EngineTarget): Promise<void>;
  onChange(listener: () => void): () => void;
}

export const DISCONNECTED_MESSAGE =
  'Berth Desktop is disconnected from its engine: choose Connect in the tray menu, or an engine in Settings (or restart the app)';

/** An opened engine, with the signal that ends its streams when it stops being current. */
interface Current {
  opened: OpenedEngine;
  retired: AbortController;
}

function sameTarget(a: EngineTarget, b: EngineTarget): boolean {
  return (
    a.kind === b.kind &&
    (a.kind === 'local' ||
      (a.kind === 'connection' && a.name === (b as typeof a).name) ||
      (a.kind === 'url' && a.url === (b as typeof a).url))
  );
}

/**
 * The stream's items until it ends, or until its engine is retired: then it fails with why. The
 * listener on the engine's `retired` signal (which lives as long as the engine is current) is
 * removed when the stream ends, however it ends: one left behind per stream would keep every
 * stream a page ever opened reachable.
 */
function endWhenRetired<T>(source: AsyncIterable<T>, retired: AbortSignal): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const inner = source[Symbol.asyncIterator]();
      let onRetired: (() => void) | undefined;
      const whenRetired = new Promise<never>((_resolve, reject) => {
        if (retired.aborted) reject(retired.reason as Error);
        else {
          onRetired = () => reject(retired.reason as Error);
          retired.addEventListener('abort', onRetired, { once: true });
        }
      });
      whenRetired.catch(() => undefined);
      const release = () => {
        if (onRetired) retired.removeEventListener('abort', onRetired);
        onRetired = undefined;
      };
      return {
        next: async () => {
          try {
            const result = await Promise.race([inner.next(), whenRetired]);
            if (result.done) release();
            return result;
          } catch (error) {
            release();
            throw error;
          }
        },
        return: async (value?: unknown) => {
          release();
          await inner.return?.(value);
          return { done: true, value: value as T };
        },
      };
    },
  };
}

export function createEngineSwitch(options: EngineSwitchOptions): EngineSwitch {
  let current: Current | undefined;
  let target = options.initial;
  let state: EngineConnectionStatus = 'disconnected';
  let lastError: string | undefined;
  let generation = 0;
  let pending: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const setState = (next: EngineConnectionStatus) => {
    state = next;
    changed();
  };

  const engine = new Proxy({} as Engine, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      return (input: unknown, context?: StreamContext<unknown>) => {
        const serving = current;
        const handlers = serving?.opened.engine as unknown as
          Record<string, (...args: unknown[]) => unknown> | undefined;
        const method = handlers?.[name];
        if (!serving) throw new EngineError(DISCONNECTED_MESSAGE, 'engine');
        if (typeof method !== 'function')
          throw new EngineError(`the engine has no method ${name}`, 'unknown-method');
        if (!isStreamName(name) || !context) return method.call(handlers, input, context);
        // The source stops when the client cancels or when its engine goes, whichever is first.
        const signal = AbortSignal.any([context.signal, serving.retired.signal]);
        const source = method.call(handlers, input, { ...context, signal }) as AsyncIterable<unknown>;
        return endWhenRetired(source, serving.retired.signal);
      };
    },
  });

  /** Ends the streams of an engine that is no longer current, saying what happened. */
  const retire = (old: Current, why: string) =>
    old.retired.abort(
      new EngineError(
        `${why}: this stream was on the engine "${old.opened.location}"; open it again`,
        'engine-changed',
      ),
    );

  const closeQuietly = async (opened: OpenedEngine) => {
    try {
      await opened.close();
    } catch {
      // Closing a connection that already broke is not the user's problem.
    }
  };

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

  const self: EngineSwitch = {
    engine,
    get state() {
      return state;
    },
    get target() {
      return target;
    },
    get location() {
      return current?.opened.location;
    },
    get lastError() {
      return lastError;
    },
    get generation() {
      return generation;
    },
    snapshot: () => ({
      target,
      label: options.label(target),
      status: state,
      ...(lastError ? { lastError } : {}),
      generation,
    }),
    connect: () =>
      serial(async () => {
        if (current) return;
        setState('connecting');
        lastError = undefined;
        try {
          current = { opened: await options.open(target), retired: new AbortController() };
          generation++;
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
        retire(closing, 'Berth Desktop disconnected from its engine');
        try {
          await closing.opened.close();
        } finally {
          setState('disconnected');
        }
      }),
    use: (next) =>
      serial(async () => {
        if (current && sameTarget(next, target)) return;
        const label = options.label(next);
        let opened: OpenedEngine;
        try {
          opened = await options.open(next);
        } catch (error) {
          const still = current
            ? `still using the engine "${current.opened.location}"`
            : 'Berth Desktop stays disconnected';
          throw new EngineError(
            `could not switch to the engine "${label}": ${(error as Error).message} (${still})`,
            'engine',
            { cause: error },
          );
        }
        const previous = current;
        current = { opened, retired: new AbortController() };
        target = next;
        lastError = undefined;
        generation++;
        state = 'connected';
        if (previous) retire(previous, `Berth Desktop now uses the engine "${label}"`);
        changed();
        if (previous) await closeQuietly(previous.opened);
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return self;
}
