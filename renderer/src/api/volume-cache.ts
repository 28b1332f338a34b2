// The volumes the renderer knows, kept in react-query's cache and changed one volume at a time
// (a created volume is read alone, a removed one taken out), like images and containers.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { VolumeInspect } from '../../../engine/src/contract/container-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const volumeKeys = {
  all: ['volumes'] as const,
  list: ['volumes', 'list'] as const,
};

const volumes = keyedListCache<VolumeInspect>(volumeKeys.list, (v) => v.Name);

export function useVolumeList() {
  const engine = useEngine();
  return useQuery({
    queryKey: volumeKeys.list,
    queryFn: () => engine.call('volumes.list', {}),
    staleTime: Infinity,
  });
}

export function upsertVolume(queryClient: QueryClient, volume: VolumeInspect): void {
  volumes.upsert(queryClient, volume);
}

export function dropVolumes(queryClient: QueryClient, names: readonly string[]): void {
  volumes.drop(queryClient, names);
}

/** Re-reads one volume (or takes it out when it is gone). */
export function refreshVolume(queryClient: QueryClient, engine: EngineClient, name: string): Promise<void> {
  return volumes.refresh(queryClient, name, async () => {
    try {
      return await engine.call('volumes.inspect', { volume: name });
    } catch (error) {
      if ((error as { code?: string }).code === 'not-found') return undefined;
      throw error;
    }
  });
}
