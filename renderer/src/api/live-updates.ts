// Live updates: follows the engine's event stream for as long as the app is open and applies
// each event to the cache (one image, container, volume, pod or network re-read or removed),
// instead of polling or re-reading whole lists; and keeps the latest events for the dashboard. After a lost connection the stream is reopened and the lists are
// re-read once, since events may have been missed meanwhile. When the app switches engines the
// stream (on the old engine) ends, and it is reopened on the new one.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ContainerSummary } from '../../../engine/src/contract/container-types.js';
import type { EngineEvent } from '../../../engine/src/contract/event-types.js';
import type { PodSummary } from '../../../engine/src/contract/pod-types.js';
import { useRecentEventsStore } from '../stores/recent-events-store.js';
import type { EngineClient } from './engine-client.js';
import { useEngineConnectionStore } from './engine-connection-store.js';
import { useEngine } from './engine-context.js';
import { containerKeys, dropContainers, refreshContainer } from './container-cache.js';
import { dropImages, imageKeys, refreshImage } from './image-cache.js';
import { dropNetworks, networkKeys, refreshNetwork, refreshNetworksOf } from './network-cache.js';
import { dropPods, podKeys, refreshPod } from './pod-cache.js';
import { dropVolumes, refreshVolume, volumeKeys } from './volume-cache.js';

const IMAGE_REMOVED = new Set(['remove', 'delete']);
const VOLUME_REMOVED = new Set(['remove', 'prune']);
const NETWORK_REMOVED = new Set(['remove', 'prune']);
/** Container events that change nothing a list or details view shows. */
const CONTAINER_UNCHANGED = new Set(['exec', 'exec_died', 'attach', 'mount', 'unmount', 'top', 'commit']);

export function applyEngineEvent(queryClient: QueryClient, engine: EngineClient, event: EngineEvent): void {
  if (event.Type === 'image' && event.ID) {
    const id = event.ID.replace(/^sha256:/, '');
    if (IMAGE_REMOVED.has(event.Status)) dropImages(queryClient, [id]);
    else void refreshImage(queryClient, engine, id);
  }
  if (event.Type === 'container' && event.ID && !CONTAINER_UNCHANGED.has(event.Status))
    applyContainerEvent(queryClient, engine, event.ID, event.Status, event.PodID);
  if (event.Type === 'pod' && event.ID) {
    if (event.Status === 'remove') dropPods(queryClient, [event.ID]);
    else void refreshPod(queryClient, engine, event.ID).catch(() => undefined);
  }
  if (event.Type === 'network') {
    // create/remove name the network; connect/disconnect name it under Network.
    const name = event.Network ?? event.Name;
    if (name && NETWORK_REMOVED.has(event.Status)) dropNetworks(queryClient, [name]);
    else if (name) void refreshNetwork(queryClient, engine, name).catch(() => undefined);
  }
  if (event.Type === 'volume' && event.Name) {
    if (VOLUME_REMOVED.has(event.Status)) dropVolumes(queryClient, [event.Name]);
    else void refreshVolume(queryClient, engine, event.Name).catch(() => undefined);
  }
  // Counts on the dashboard; only re-read if the dashboard is showing.
  void queryClient.invalidateQueries({ queryKey: ['system.info'] });
  useRecentEventsStore.getState().add(event);
}

/** The pods a container belongs to: as its event says, and as the cached lists know it. */
function podsOf(queryClient: QueryClient, containerId: string, podId: string | undefined): string[] {
  const pods = new Set<string>(podId ? [podId] : []);
  const container = queryClient
    .getQueryData<ContainerSummary[]>(containerKeys.list)
    ?.find((c) => c.Id === containerId);
  if (container?.Pod) pods.add(container.Pod);
  for (const pod of queryClient.getQueryData<PodSummary[]>(podKeys.list) ?? [])
    if (pod.Containers.some((c) => c.Id === containerId)) pods.add(pod.Id);
  return [...pods];
}

/**
 * One container changed: re-read it (or drop it), then its pod, whose status follows its
 * containers'; a removed container also leaves its networks, and a created one joins some.
 */
function applyContainerEvent(
  queryClient: QueryClient,
  engine: EngineClient,
  id: string,
  status: string,
  podId: string | undefined,
): void {
  const refreshPods = () => {
    for (const pod of podsOf(queryClient, id, podId))
      void refreshPod(queryClient, engine, pod).catch(() => undefined);
  };
  if (status === 'remove') {
    refreshPods();
    refreshNetworksOf(queryClient, engine, id);
    dropContainers(queryClient, [id]);
    return;
  }
  // Which networks a new container joined is not in its event: the (short) networks list is
  // re-read, and only if it is showing.
  if (status === 'create') void queryClient.invalidateQueries({ queryKey: networkKeys.list });
  // The pod is re-read even when the container could not be (its list may not be loaded).
  void refreshContainer(queryClient, engine, id)
    .catch(() => undefined)
    .then(refreshPods);
}

/**
 * Follows events until `signal` aborts. Resolves with why it stopped: the view closed, the engine
 * has no event stream, the connection dropped (the caller reopens once it is back), the app
 * switched engines (reopened when the switch is noted: useEngineConnectionWatch), or the stream
 * failed (not retried: a failure that repeats must not become a loop).
 */
export async function followEngineEvents(
  queryClient: QueryClient,
  engine: EngineClient,
  signal: AbortSignal,
  /** Events from this time on (ISO); now by default. */
  since = new Date().toISOString(),
): Promise<'stopped' | 'unsupported' | 'disconnected' | 'engine-changed' | 'failed'> {
  const stream = engine.stream('events.stream', { follow: true, since }, { signal });
  try {
    for await (const event of stream) applyEngineEvent(queryClient, engine, event);
    return 'stopped';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'unknown-method') return 'unsupported';
    if (code === 'disconnected') return 'disconnected';
    if (code === 'engine-changed') return 'engine-changed';
    console.warn(`Live updates stopped: ${(error as Error).message}`);
    return 'failed';
  }
}

/**
 * Mounted once by the app: follows events while the app is open; idle costs nothing. `since`:
 * when the app started reading engine state (main.tsx); the first stream follows events from
 * then, later ones (after a reconnect or an engine switch) from when they open.
 */
export function useLiveUpdates(since?: string): void {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const firstSince = useRef(since);
  // Another engine: a new stream on it (what was cached is reset where the change is noted).
  const engineChanges = useEngineConnectionStore((s) => s.changes);
  useEffect(() => {
    const controller = new AbortController();
    let reopenWhenConnected: (() => void) | undefined;
    const run = async (afterReconnect: boolean) => {
      if (afterReconnect)
        for (const queryKey of [
          imageKeys.all,
          containerKeys.all,
          volumeKeys.all,
          podKeys.all,
          networkKeys.all,
        ])
          void queryClient.invalidateQueries({ queryKey });
      const from = firstSince.current;
      firstSince.current = undefined;
      const outcome = await followEngineEvents(queryClient, engine, controller.signal, from);
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
  }, [engine, queryClient, engineChanges]);
}
