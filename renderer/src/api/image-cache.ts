// The images the renderer knows, kept in react-query's cache and changed piece by piece: an
// image that changed (pulled, tagged, untagged) is re-read alone and put in place; a removed one
// is taken out. Both the user's own actions and engine events go through here, so the list is
// never re-read whole because one image changed.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ImageSummary } from '../../../engine/src/contract/image-types.js';
import type { EngineClient } from './engine-client.js';
import { useEngine } from './engine-context.js';
import { keyedListCache } from './keyed-list-cache.js';

export const imageKeys = {
  all: ['images'] as const,
  list: ['images', 'list'] as const,
  inspect: (id: string) => ['images', 'inspect', id] as const,
  history: (id: string) => ['images', 'history', id] as const,
  layers: (id: string) => ['images', 'layers', id] as const,
  layerFiles: (id: string, layer: number) => ['images', 'layers', id, layer] as const,
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

const images = keyedListCache<ImageSummary>(imageKeys.list, (i) => i.Id);

/** Takes images out of the cached list (and their details). */
export function dropImages(queryClient: QueryClient, ids: readonly string[]): void {
  images.drop(queryClient, ids);
  for (const id of ids) {
    queryClient.removeQueries({ queryKey: imageKeys.inspect(id) });
    queryClient.removeQueries({ queryKey: imageKeys.history(id) });
    queryClient.removeQueries({ queryKey: imageKeys.layers(id) });
  }
}

/**
 * Re-reads one image and puts it in place in the cached list (or takes it out if it is gone).
 * Refreshes of the same image that overlap share one call.
 */
export async function refreshImage(
  queryClient: QueryClient,
  engine: EngineClient,
  id: string,
): Promise<void> {
  let gone = false;
  await images.refresh(queryClient, id, async () => {
    const [image] = await engine.call('images.list', { filters: [`id=${id}`] });
    gone = !image || image.Id !== id;
    return image;
  });
  if (gone) {
    dropImages(queryClient, [id]);
    return;
  }
  void queryClient.invalidateQueries({ queryKey: imageKeys.inspect(id) });
  void queryClient.invalidateQueries({ queryKey: imageKeys.history(id) });
}
