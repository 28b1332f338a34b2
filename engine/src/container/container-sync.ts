// Folding what conmon left on disk back into a container's record. Any process that reads a
// running container checks its exit file (one stat) and records the exit it finds; the update is
// a compare-and-set on the state, so concurrent readers never undo each other or a writer's work.
import { readExitFile } from '../runtime/exit-file.js';
import { isProcessAlive } from '../runtime/process-status.js';
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { containerPaths } from './container-paths.js';
import { getContainerRecord, type ContainerRecord } from './container-records.js';
import type { ContainerState } from './container-state.js';

/** Statuses in which conmon is (or should be) watching the container. */
const MONITORED = new Set(['initialized', 'running', 'paused', 'stopping']);

/** The state with the container's exit applied, or undefined when nothing changed. */
export async function observedExit(
  store: Store,
  record: ContainerRecord,
): Promise<ContainerState | undefined> {
  if (!MONITORED.has(record.state.status)) return undefined;
  const paths = containerPaths(store.paths, record.id);
  const exit = readExitFile(paths.exitFile);
  if (exit) {
    return {
      ...record.state,
      status: 'exited',
      pid: 0,
      exitCode: exit.exitCode,
      finishedAt: exit.finishedAt.toISOString(),
    };
  }
  if (record.state.conmonPid > 0 && !isProcessAlive(record.state.conmonPid)) {
    // The monitor is gone without writing an exit file (killed): the container cannot be
    // reached any more. Record it as exited with an unknown code, as podman does.
    const late = readExitFile(paths.exitFile);
    return {
      ...record.state,
      status: 'exited',
      pid: 0,
      exitCode: late?.exitCode ?? -1,
      finishedAt: (late?.finishedAt ?? new Date()).toISOString(),
      error: late
        ? record.state.error
        : `conmon (pid ${record.state.conmonPid}) died without recording an exit code`,
    };
  }
  return undefined;
}

/** Saves `next` only if the stored state is still `expected`; true when it was saved. */
export function compareAndSetState(
  store: Store,
  id: string,
  expected: ContainerState,
  next: ContainerState,
): boolean {
  const result = store.db
    .prepare('UPDATE containers SET state = ? WHERE id = ? AND state = ?')
    .run(JSON.stringify(next), id, JSON.stringify(expected));
  return result.changes === 1;
}

/** The record with any exit conmon has recorded since applied (and saved). */
export async function syncContainer(store: Store, record: ContainerRecord): Promise<ContainerRecord> {
  const next = await observedExit(store, record);
  if (!next) return record;
  if (compareAndSetState(store, record.id, record.state, next)) {
    containerEvent(store, 'died', record, { containerExitCode: String(next.exitCode) });
    return { ...record, state: next };
  }
  // Someone else changed it meanwhile: theirs is newer.
  return getContainerRecord(store.db, record.id) ?? { ...record, state: next };
}

export async function syncContainers(store: Store, records: ContainerRecord[]): Promise<ContainerRecord[]> {
  return Promise.all(records.map((r) => syncContainer(store, r)));
}
