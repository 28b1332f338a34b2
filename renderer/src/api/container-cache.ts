// The containers the renderer knows, kept in react-query's cache and changed piece by piece: a
// container that changed (an engine event, or our own action's answer) is re-read alone and put
// in place; a removed one is taken out. The list is never re-read whole because one changed.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ContainerSummary } from '../../../engine/src/contract/container-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const containerKeys = {
  all: ['containers'] as const,
  list: ['containers', 'list'] as const,
  inspect: (id: string) => ['containers', 'inspect', id] as const,
};

function containerListQuery(engine: EngineClient) {
  return {
    queryKey: containerKeys.list,
    queryFn: () => engine.call('containers.list', { all: true }),
    // Kept current by events and by our own actions, not by refetching.
    staleTime: Infinity,
  };
}

export function useContainerList() {
  const engine = useEngine();
  return useQuery(containerListQuery(engine));
}

/** Starts reading the list before the page that shows it is loaded (the app's first page). */
export function prefetchContainerList(queryClient: QueryClient, engine: EngineClient): Promise<void> {
  return queryClient.prefetchQuery(containerListQuery(engine));
}

const containers = keyedListCache<ContainerSummary>(containerKeys.list, (c) => c.Id);

/** Puts one container's new summary in place in the cached list (adds it if new). */
export function upsertContainer(queryClient: QueryClient, container: ContainerSummary): void {
  containers.upsert(queryClient, container);
  void queryClient.invalidateQueries({ queryKey: containerKeys.inspect(container.Id) });
}

/** Takes containers out of the cached list (and their details). */
export function dropContainers(queryClient: QueryClient, ids: readonly string[]): void {
  containers.drop(queryClient, ids);
  for (const id of ids) queryClient.removeQueries({ queryKey: containerKeys.inspect(id) });
}

/**
 * Re-reads one container and puts it in place (or takes it out if it is gone). Refreshes of the
 * same container that overlap share one call: a burst of events costs one read.
 */
export async function refreshContainer(
  queryClient: QueryClient,
  engine: EngineClient,
  id: string,
): Promise<void> {
  await containers.refresh(queryClient, id, async () => {
    const [container] = await engine.call('containers.list', { all: true, filters: [`id=${id}`] });
    return container;
  });
  if (queryClient.getQueryData<ContainerSummary[]>(containerKeys.list)?.some((c) => c.Id === id))
    void queryClient.invalidateQueries({ queryKey: containerKeys.inspect(id) });
  else queryClient.removeQueries({ queryKey: containerKeys.inspect(id) });
}
