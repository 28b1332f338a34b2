// The containers the renderer knows, kept in react-query's cache and changed piece by piece: a
// container that changed (an engine event, or our own action's answer) is re-read alone and put
// in place; a removed one is taken out. The list is never re-read whole because one changed.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ContainerSummary } from '../../../engine/src/contract/container-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';

export const containerKeys = {
  all: ['containers'] as const,
  list: ['containers', 'list'] as const,
  inspect: (id: string) => ['containers', 'inspect', id] as const,
};

export function useContainerList() {
  const engine = useEngine();
  return useQuery({
    queryKey: containerKeys.list,
    queryFn: () => engine.call('containers.list', { all: true }),
    // Kept current by events and by our own actions, not by refetching.
    staleTime: Infinity,
  });
}

/** Puts one container's new summary in place in the cached list (adds it if new). */
export function upsertContainer(queryClient: QueryClient, container: ContainerSummary): void {
  queryClient.setQueryData<ContainerSummary[]>(containerKeys.list, (list) => {
    if (!list) return list;
    const index = list.findIndex((c) => c.Id === container.Id);
    if (index === -1) return [...list, container];
    const next = list.slice();
    next[index] = container;
    return next;
  });
  void queryClient.invalidateQueries({ queryKey: containerKeys.inspect(container.Id) });
}

/** Takes containers out of the cached list (and their details). */
export function dropContainers(queryClient: QueryClient, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  queryClient.setQueryData<ContainerSummary[]>(containerKeys.list, (list) =>
    list?.filter((c) => !gone.has(c.Id)),
  );
  for (const id of ids) queryClient.removeQueries({ queryKey: containerKeys.inspect(id) });
}

const refreshing = new WeakMap<QueryClient, Map<string, Promise<void>>>();

/**
 * Re-reads one container and puts it in place (or takes it out if it is gone). Refreshes of the
 * same container that overlap share one call: a burst of events costs one read.
 */
export function refreshContainer(queryClient: QueryClient, engine: EngineClient, id: string): Promise<void> {
  let inFlight = refreshing.get(queryClient);
  if (!inFlight) refreshing.set(queryClient, (inFlight = new Map()));
  const running = inFlight.get(id);
  if (running) return running;
  const work = (async () => {
    try {
      const [container] = await engine.call('containers.list', { all: true, filters: [`id=${id}`] });
      if (!container || container.Id !== id) dropContainers(queryClient, [id]);
      else upsertContainer(queryClient, container);
    } finally {
      inFlight.delete(id);
    }
  })();
  inFlight.set(id, work);
  return work;
}
