// The pods the renderer knows, kept in react-query's cache and changed one pod at a time: a pod
// event, a change to one of its containers, or our own action's answer re-reads or replaces
// that pod alone; a removed pod is taken out.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { PodSummary } from '../../../engine/src/contract/pod-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const podKeys = {
  all: ['pods'] as const,
  list: ['pods', 'list'] as const,
  inspect: (id: string) => ['pods', 'inspect', id] as const,
};

const pods = keyedListCache<PodSummary>(podKeys.list, (p) => p.Id);

export function usePodList({ enabled = true }: { enabled?: boolean } = {}) {
  const engine = useEngine();
  return useQuery({
    queryKey: podKeys.list,
    enabled,
    queryFn: () => engine.call('pods.list', {}),
    // Kept current by events and by our own actions, not by refetching.
    staleTime: Infinity,
  });
}

export function upsertPod(queryClient: QueryClient, pod: PodSummary): void {
  pods.upsert(queryClient, pod);
  void queryClient.invalidateQueries({ queryKey: podKeys.inspect(pod.Id) });
}

export function dropPods(queryClient: QueryClient, ids: readonly string[]): void {
  pods.drop(queryClient, ids);
  for (const id of ids) queryClient.removeQueries({ queryKey: podKeys.inspect(id) });
}

/** Re-reads one pod (or takes it out when it is gone). */
export async function refreshPod(queryClient: QueryClient, engine: EngineClient, id: string): Promise<void> {
  // Nothing cached, nothing to patch: the pods list reads everything when it is first shown.
  if (!queryClient.getQueryData(podKeys.list)) return;
  await pods.refresh(queryClient, id, async () => (await engine.call('pods.list', { pods: [id] }))[0]);
  if (queryClient.getQueryData<PodSummary[]>(podKeys.list)?.some((p) => p.Id === id))
    void queryClient.invalidateQueries({ queryKey: podKeys.inspect(id) });
  else queryClient.removeQueries({ queryKey: podKeys.inspect(id) });
}
