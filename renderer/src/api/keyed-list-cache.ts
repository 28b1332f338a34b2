// One cached list (react-query) changed item by item: what changed is put in place, what is gone
// is taken out, and refreshes of the same item that overlap share one engine call, so a burst of
// events costs one read. Images, containers, volumes, pods and networks all keep their lists so.
import type { QueryClient, QueryKey } from '@tanstack/react-query';

export interface KeyedListCache<T> {
  /** Puts an item in place in the cached list (adds it when new); no cached list: nothing. */
  upsert(queryClient: QueryClient, item: T): void;
  /** Takes items out of the cached list. */
  drop(queryClient: QueryClient, keys: readonly string[]): void;
  /**
   * Re-reads one item with `read` and puts it in place, or takes it out when `read` finds nothing.
   * Overlapping refreshes of one key share one read.
   */
  refresh(queryClient: QueryClient, key: string, read: () => Promise<T | undefined>): Promise<void>;
}

export function keyedListCache<T>(listKey: QueryKey, keyOf: (item: T) => string): KeyedListCache<T> {
  /** Reads under way; `dropped`: the item went meanwhile, so what the read found is stale. */
  const refreshing = new WeakMap<QueryClient, Map<string, { work: Promise<void>; dropped: boolean }>>();
  const cache: KeyedListCache<T> = {
    upsert(queryClient, item) {
      const key = keyOf(item);
      queryClient.setQueryData<T[]>(listKey, (list) => {
        if (!list) return list;
        const index = list.findIndex((i) => keyOf(i) === key);
        if (index === -1) return [...list, item];
        const next = list.slice();
        next[index] = item;
        return next;
      });
    },
    drop(queryClient, keys) {
      if (keys.length === 0) return;
      const gone = new Set(keys);
      queryClient.setQueryData<T[]>(listKey, (list) => list?.filter((i) => !gone.has(keyOf(i))));
      const inFlight = refreshing.get(queryClient);
      for (const key of keys) {
        const running = inFlight?.get(key);
        if (running) running.dropped = true;
      }
    },
    refresh(queryClient, key, read) {
      let inFlight = refreshing.get(queryClient);
      if (!inFlight) refreshing.set(queryClient, (inFlight = new Map()));
      const running = inFlight.get(key);
      if (running) return running.work;
      const entry = { work: Promise.resolve(), dropped: false };
      entry.work = (async () => {
        try {
          const item = await read();
          if (entry.dropped) return;
          if (item === undefined || keyOf(item) !== key) cache.drop(queryClient, [key]);
          else cache.upsert(queryClient, item);
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, entry);
      return entry.work;
    },
  };
  return cache;
}
