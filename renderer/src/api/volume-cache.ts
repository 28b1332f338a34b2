// The volumes the renderer knows, kept in react-query's cache and changed one volume at a time
// (a created volume is read alone, a removed one taken out), like images and containers.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { VolumeInspect } from '../../../engine/src/contract/container-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';

export const volumeKeys = {
  all: ['volumes'] as const,
  list: ['volumes', 'list'] as const,
};

export function useVolumeList() {
  const engine = useEngine();
  return useQuery({
    queryKey: volumeKeys.list,
    queryFn: () => engine.call('volumes.list', {}),
    staleTime: Infinity,
  });
}

export function upsertVolume(queryClient: QueryClient, volume: VolumeInspect): void {
  queryClient.setQueryData<VolumeInspect[]>(volumeKeys.list, (list) => {
    if (!list) return list;
    const index = list.findIndex((v) => v.Name === volume.Name);
    if (index === -1) return [...list, volume];
    const next = list.slice();
    next[index] = volume;
    return next;
  });
}

export function dropVolumes(queryClient: QueryClient, names: readonly string[]): void {
  if (names.length === 0) return;
  const gone = new Set(names);
  queryClient.setQueryData<VolumeInspect[]>(volumeKeys.list, (list) =>
    list?.filter((v) => !gone.has(v.Name)),
  );
}

/** Re-reads one volume (or takes it out when it is gone). */
export async function refreshVolume(
  queryClient: QueryClient,
  engine: EngineClient,
  name: string,
): Promise<void> {
  try {
    upsertVolume(queryClient, await engine.call('volumes.inspect', { volume: name }));
  } catch (error) {
    if ((error as { code?: string }).code === 'not-found') dropVolumes(queryClient, [name]);
    else throw error;
  }
}
