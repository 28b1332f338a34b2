// The engine connection from the renderer's side: follows the host's connections.watch (reopened
// after the transport reconnects), and when calls start going to another engine, forgets every
// cached read of the engine's (react-query reset: nothing of the old engine stays on screen or
// is acted on) so that what shows is read again from the new one; and the switch itself
// (Settings, Machines).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineConnectionState } from '../../../engine/src/contract/connection-types.js';
import { useRecentEventsStore } from '../stores/recent-events-store.js';
import { useEngineConnectionStore } from './engine-connection-store.js';
import { useEngine } from './engine-context.js';
import { machineKeys } from './machine-cache.js';

export const connectionKeys = {
  list: ['connections', 'list'] as const,
};

/** Records the state; if the engine is another one than before, drops everything read from the old. */
export function noteEngineState(queryClient: QueryClient, next: EngineConnectionState): void {
  const { current, changes } = useEngineConnectionStore.getState();
  const switched =
    current !== undefined && (current.generation !== next.generation || current.label !== next.label);
  useEngineConnectionStore.setState({ current: next, changes: switched ? changes + 1 : changes });
  if (!switched) {
    // The state shown beside the engines (in use, connecting) follows without a switch too.
    void queryClient.invalidateQueries({ queryKey: connectionKeys.list });
    return;
  }
  useRecentEventsStore.setState({ events: [], historyRead: false });
  // Machines are the host's, not the engine's: their list stays (and stays on screen).
  void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== machineKeys.list[0] });
}

/** Mounted once by the app: keeps the store in step with the host's engine. */
export function useEngineConnectionWatch(): void {
  const engine = useEngine();
  const queryClient = useQueryClient();
  useEffect(() => {
    let controller = new AbortController();
    const follow = async (signal: AbortSignal) => {
      try {
        for await (const state of engine.stream('connections.watch', {}, { signal }))
          noteEngineState(queryClient, state);
      } catch {
        // No such stream (an older host), or the transport dropped: the status listener below
        // reopens it once the transport is back.
      }
    };
    void follow(controller.signal);
    let wasDown = false;
    const stop = engine.transport.onStatus((status) => {
      if (status !== 'connected') wasDown = true;
      else if (wasDown) {
        wasDown = false;
        controller.abort();
        controller = new AbortController();
        void follow(controller.signal);
      }
    });
    return () => {
      stop();
      controller.abort();
    };
  }, [engine, queryClient]);
}

/** The engines the app can use, which one it uses, and which answer. */
export function useEngineConnections() {
  const engine = useEngine();
  return useQuery({ queryKey: connectionKeys.list, queryFn: () => engine.call('connections.list', {}) });
}

/** Switches the engine the app uses: `{ local: true }` or a connection's name. */
export function useEngineSwitch() {
  const engine = useEngine();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: { local: true } | { name: string }) => engine.call('connections.use', choice),
    // The watch says the same; whichever comes first resets the cache, once.
    onSuccess: (state) => noteEngineState(queryClient, state),
  });
}
