// The images the renderer knows, kept in react-query's cache and changed piece by piece: an
// image that changed (pulled, tagged, untagged) is re-read alone and put in place; a removed one
// is taken out. Both the user's own actions and engine events go through here, so the list is
// never re-read whole because one image changed.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ImageSummary } from '../../../engine/src/contract/image-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';

export const imageKeys = {
  all: ['images'] as const,
  list: ['images', 'list'] as const,
  inspect: (id: string) => ['images', 'inspect', id] as const,
  history: (id: string) => ['images', 'history', id] as const,
};

export function useImageList() {
  const engine = useEngine();
  return useQuery({
    queryKey: imageKeys.list,
    queryFn: () => engine.call('images.list', {}),
    // Kept current by events and by our own actions, not by refetching.
    staleTime: Infinity,
  });
}

function upsert(list: ImageSummary[], image: ImageSummary): ImageSummary[] {
  const index = list.findIndex((i) => i.Id === image.Id);
  if (index === -1) return [...list, image];
  const next = list.slice();
  next[index] = image;
  return next;
}

/** Takes images out of the cached list (and their details). */
export function dropImages(queryClient: QueryClient, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  queryClient.setQueryData<ImageSummary[]>(imageKeys.list, (list) => list?.filter((i) => !gone.has(i.Id)));
  for (const id of ids) {
    queryClient.removeQueries({ queryKey: imageKeys.inspect(id) });
    queryClient.removeQueries({ queryKey: imageKeys.history(id) });
  }
}

const refreshing = new WeakMap<QueryClient, Map<string, Promise<void>>>();

/**
 * Re-reads one image and puts it in place in the cached list (or takes it out if it is gone).
 * Refreshes of the same image that overlap share one call.
 */
export function refreshImage(queryClient: QueryClient, engine: EngineClient, id: string): Promise<void> {
  let inFlight = refreshing.get(queryClient);
  if (!inFlight) refreshing.set(queryClient, (inFlight = new Map()));
  const running = inFlight.get(id);
  if (running) return running;
  const work = (async () => {
    try {
      const [image] = await engine.call('images.list', { filters: [`id=${id}`] });
      if (!image || image.Id !== id) {
        dropImages(queryClient, [id]);
        return;
      }
      // Without a cached list there is nothing to patch: the list query reads it all when shown.
      queryClient.setQueryData<ImageSummary[]>(imageKeys.list, (list) => list && upsert(list, image));
      void queryClient.invalidateQueries({ queryKey: imageKeys.inspect(id) });
      void queryClient.invalidateQueries({ queryKey: imageKeys.history(id) });
    } finally {
      inFlight.delete(id);
    }
  })();
  inFlight.set(id, work);
  return work;
}
