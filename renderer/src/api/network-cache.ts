// The networks the renderer knows, kept in react-query's cache and changed one network at a
// time: a network event (create, remove, connect, disconnect) or our own action re-reads or
// replaces that network alone.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { NetworkInspect } from '../../../engine/src/contract/network-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const networkKeys = {
  all: ['networks'] as const,
  list: ['networks', 'list'] as const,
};

const networks = keyedListCache<NetworkInspect>(networkKeys.list, (n) => n.name);

export function useNetworkList() {
  const engine = useEngine();
  return useQuery({
    queryKey: networkKeys.list,
    queryFn: () => engine.call('networks.list', {}),
    staleTime: Infinity,
  });
}

export function upsertNetwork(queryClient: QueryClient, network: NetworkInspect): void {
  networks.upsert(queryClient, network);
}

export function dropNetworks(queryClient: QueryClient, names: readonly string[]): void {
  networks.drop(queryClient, names);
}

/** Re-reads one network (or takes it out when it is gone). */
export function refreshNetwork(queryClient: QueryClient, engine: EngineClient, name: string): Promise<void> {
  return networks.refresh(queryClient, name, async () => {
    try {
      return await engine.call('networks.inspect', { network: name });
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') return undefined;
      throw error;
    }
  });
}

/**
 * The networks a container was on, re-read after it was removed: removing a container drops its
 * connections without a network event of their own.
 */
export function refreshNetworksOf(queryClient: QueryClient, engine: EngineClient, containerId: string): void {
  for (const network of queryClient.getQueryData<NetworkInspect[]>(networkKeys.list) ?? [])
    if (containerId in network.containers)
      void refreshNetwork(queryClient, engine, network.name).catch(() => undefined);
}
