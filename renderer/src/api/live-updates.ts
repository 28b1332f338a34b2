// Live updates: follows the engine's event stream for as long as the app is open and applies
// each event to the cache (one image, container or volume re-read or removed), instead of polling or
// re-reading whole lists. After a lost connection the stream is reopened and the lists are
// re-read once, since events may have been missed meanwhile.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineEvent } from '../../../engine/src/contract/event-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { containerKeys, dropContainers, refreshContainer } from './container-cache.js';
import { dropImages, imageKeys, refreshImage } from './image-cache.js';
import { dropVolumes, refreshVolume, volumeKeys } from './volume-cache.js';

const IMAGE_REMOVED = new Set(['remove', 'delete']);
const VOLUME_REMOVED = new Set(['remove', 'prune']);
/** Container events that change nothing a list or details view shows. */
const CONTAINER_UNCHANGED = new Set(['exec', 'exec_died', 'attach', 'mount', 'unmount', 'top', 'commit']);

export function applyEngineEvent(queryClient: QueryClient, engine: EngineClient, event: EngineEvent): void {
  if (event.Type === 'image' && event.ID) {
    const id = event.ID.replace(/^sha256:/, '');
    if (IMAGE_REMOVED.has(event.Status)) dropImages(queryClient, [id]);
    else void refreshImage(queryClient, engine, id);
  }
  if (event.Type === 'container' && event.ID && !CONTAINER_UNCHANGED.has(event.Status)) {
    if (event.Status === 'remove') dropContainers(queryClient, [event.ID]);
    else void refreshContainer(queryClient, engine, event.ID).catch(() => undefined);
  }
  if (event.Type === 'volume' && event.Name) {
    if (VOLUME_REMOVED.has(event.Status)) dropVolumes(queryClient, [event.Name]);
    else void refreshVolume(queryClient, engine, event.Name).catch(() => undefined);
  }
  // Counts on the dashboard; only re-read if the dashboard is showing.
  void queryClient.invalidateQueries({ queryKey: ['system.info'] });
}

/**
 * Follows events until `signal` aborts. Resolves with why it stopped: the view closed, the engine
 * has no event stream, the connection dropped (the caller reopens once it is back), or the
 * stream failed (not retried: a failure that repeats must not become a loop).
 */
export async function followEngineEvents(
  queryClient: QueryClient,
  engine: EngineClient,
  signal: AbortSignal,
): Promise<'stopped' | 'unsupported' | 'disconnected' | 'failed'> {
  const since = new Date().toISOString();
  const stream = engine.stream('events.stream', { follow: true, since }, { signal });
  try {
    for await (const event of stream) applyEngineEvent(queryClient, engine, event);
    return 'stopped';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'unknown-method') return 'unsupported';
    if (code === 'disconnected') return 'disconnected';
    console.warn(`Live updates stopped: ${(error as Error).message}`);
    return 'failed';
  }
}

/** Mounted once by the app: follows events while the app is open; idle costs nothing. */
export function useLiveUpdates(): void {
  const engine = useEngine();
  const queryClient = useQueryClient();
  useEffect(() => {
    const controller = new AbortController();
    let reopenWhenConnected: (() => void) | undefined;
    const run = async (afterReconnect: boolean) => {
      if (afterReconnect)
        for (const queryKey of [imageKeys.all, containerKeys.all, volumeKeys.all])
          void queryClient.invalidateQueries({ queryKey });
      const outcome = await followEngineEvents(queryClient, engine, controller.signal);
      if (outcome !== 'disconnected' || controller.signal.aborted) return;
      // Wait for the transport to be back (it reconnects by itself), then follow again.
      let wasDown = false;
      const stop = engine.transport.onStatus((status) => {
        if (status !== 'connected') wasDown = true;
        else if (wasDown) {
          queueMicrotask(() => stop());
          void run(true);
        }
      });
      reopenWhenConnected = stop;
    };
    void run(false);
    return () => {
      controller.abort();
      reopenWhenConnected?.();
    };
  }, [engine, queryClient]);
}
