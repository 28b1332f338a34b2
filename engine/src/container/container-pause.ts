// pause/unpause: the runtime freezes the container's cgroup.
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { saveContainerState, type ContainerRecord } from './container-records.js';
import { runtimeFor } from './container-runtime.js';
import { ContainerStateError } from './container-start.js';
import { syncContainer } from './container-sync.js';

export async function pauseContainer(store: Store, input: string, pause: boolean): Promise<ContainerRecord> {
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, async () => {
    const record = await syncContainer(store, requireContainer(store.db, found.id));
    const want = pause ? 'running' : 'paused';
    if (record.state.status !== want)
      throw new ContainerStateError(
        pause
          ? `"${record.name}" is not running, can't pause: container state improper`
          : `"${record.name}" is not paused, can't unpause: container state improper`,
      );
    const runtime = runtimeFor(store.paths, record.runtime);
    if (pause) await runtime.pause(record.id);
    else await runtime.resume(record.id);
    const state = { ...record.state, status: pause ? ('paused' as const) : ('running' as const) };
    saveContainerState(store.db, record.id, state);
    const next = { ...record, state };
    containerEvent(store, pause ? 'pause' : 'unpause', next);
    return next;
  });
}
