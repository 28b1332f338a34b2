// `wait`: until the container has exited (or reached another condition), from any process. A
// running container is watched through its exit file (no polling of the runtime); a container not
// yet running is re-read at a gentle interval until it starts.
import { MonitorGoneError, waitForExitFile } from '../runtime/exit-file.js';
import type { Store } from '../state/store.js';
import { requireContainer, NoSuchContainerError } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import { getContainerRecord, type ContainerRecord } from './container-records.js';
import type { ContainerStatus } from './container-state.js';
import { syncContainer } from './container-sync.js';

export interface WaitOptions {
  /** Statuses that end the wait; default: exited (podman's "stopped"/"exited"). */
  conditions?: ReadonlySet<ContainerStatus>;
  signal?: AbortSignal;
  pollMs?: number;
}

const EXITED: ReadonlySet<ContainerStatus> = new Set(['exited']);

/** Resolves with the record once its status is one of the conditions. */
export async function waitForContainer(
  store: Store,
  input: string,
  options: WaitOptions = {},
): Promise<ContainerRecord> {
  const conditions = options.conditions ?? EXITED;
  const id = requireContainer(store.db, input).id;
  const pollMs = options.pollMs ?? 100;
  for (;;) {
    options.signal?.throwIfAborted();
    const current = getContainerRecord(store.db, id);
    if (!current) throw new NoSuchContainerError(input);
    const record = await syncContainer(store, current);
    if (conditions.has(record.state.status)) return record;
    if (conditions.has('exited') && (record.state.status === 'running' || record.state.status === 'paused')) {
      try {
        await waitForExitFile(containerPaths(store.paths, id).exitFile, {
          signal: options.signal,
          conmonPid: record.state.conmonPid || undefined,
          pollMs: 1000,
        });
      } catch (error) {
        if (!(error instanceof MonitorGoneError)) throw error;
      }
      continue;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
