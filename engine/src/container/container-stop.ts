// stop (the stop signal, then SIGKILL after the timeout) and kill (one signal). Both mark the
// stop as the user's, so that restart policies leave the container down.
import { waitForExitFile, type ExitRecord } from '../runtime/exit-file.js';
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import { saveContainerState, type ContainerRecord } from './container-records.js';
import { runtimeFor } from './container-runtime.js';
import { ContainerStateError } from './container-start.js';
import { ACTIVE_STATUSES, type ContainerState } from './container-state.js';
import { syncContainer } from './container-sync.js';
import { teardownContainerRuntime } from './container-teardown.js';
import { claimCleanup } from './exit-command.js';

async function waitExit(store: Store, record: ContainerRecord, ms: number): Promise<ExitRecord | undefined> {
  const paths = containerPaths(store.paths, record.id);
  const signal = AbortSignal.timeout(Math.max(ms, 1));
  try {
    return await waitForExitFile(paths.exitFile, { signal, conmonPid: record.state.conmonPid || undefined });
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  }
}

/** After an exit the caller saw happen: record it and undo init. Caller holds the lock. */
export async function finishExit(
  store: Store,
  record: ContainerRecord,
  exit: ExitRecord | undefined,
  changes: Partial<ContainerState> = {},
): Promise<ContainerRecord> {
  const paths = containerPaths(store.paths, record.id);
  await teardownContainerRuntime(store, record, paths);
  const wasRunning = ACTIVE_STATUSES.has(record.state.status) || record.state.status === 'initialized';
  const state: ContainerState = {
    ...record.state,
    ...changes,
    status: record.state.status === 'initialized' && !exit ? 'created' : 'exited',
    pid: 0,
    exitCode: exit?.exitCode ?? record.state.exitCode,
    finishedAt: exit ? exit.finishedAt.toISOString() : record.state.finishedAt || new Date().toISOString(),
    mountPoint: '',
  };
  saveContainerState(store.db, record.id, state);
  const next = { ...record, state };
  if (wasRunning && exit) containerEvent(store, 'died', next, { containerExitCode: String(exit.exitCode) });
  return next;
}

export interface StopOptions {
  /** Seconds before SIGKILL; the container's --stop-timeout when undefined. */
  timeout?: number;
}

export async function stopContainer(
  store: Store,
  input: string,
  options: StopOptions = {},
): Promise<ContainerRecord> {
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, async () => {
    let record = await syncContainer(store, requireContainer(store.db, found.id));
    const status = record.state.status;
    if (status === 'initialized') return finishExit(store, record, undefined, { stoppedByUser: true });
    if (!ACTIVE_STATUSES.has(status)) {
      // Already down (perhaps waiting for a restart-policy restart, which this cancels): make sure
      // nothing of it is left mounted. podman's stop is idempotent too.
      if (!record.state.stoppedByUser) {
        const state: ContainerState = { ...record.state, stoppedByUser: true };
        saveContainerState(store.db, record.id, state);
        record = { ...record, state };
      }
      if (record.state.mountPoint) record = await finishExit(store, record, undefined);
      return record;
    }
    const stopping: ContainerState = { ...record.state, status: 'stopping', stoppedByUser: true };
    saveContainerState(store.db, record.id, stopping);
    // This process tears the container down once it exits (finishExit): conmon's exit command
    // need not start a Node process for the same work, and conmon is gone when stop returns. A
    // --rm container's exit command still runs: it removes the container (container-exit.ts).
    if (!record.config.autoRemove) claimCleanup(containerPaths(store.paths, record.id).runDir);
    record = { ...record, state: stopping };
    const runtime = runtimeFor(store.paths, record.runtime);
    const timeout = options.timeout ?? record.config.stopTimeout;
    let exit: ExitRecord | undefined;
    if (timeout > 0) {
      await runtime.kill(record.id, record.config.stopSignal).catch(() => undefined);
      if (status === 'paused') await runtime.resume(record.id).catch(() => undefined);
      exit = await waitExit(store, record, timeout * 1000);
    }
    if (!exit) {
      // `kill --all` finds the processes through the container's cgroup; a rootless container on
      // cgroups v1 has none, so runc refuses it: then the init process alone is killed.
      await runtime
        .kill(record.id, 'KILL', { all: true })
        .catch(() => runtime.kill(record.id, 'KILL'))
        .catch(() => undefined);
      if (status === 'paused') await runtime.resume(record.id).catch(() => undefined);
      exit = await waitExit(store, record, 10_000);
    }
    const next = await finishExit(store, record, exit);
    containerEvent(store, 'stop', next);
    return next;
  });
}

export async function killContainer(store: Store, input: string, signal = 'KILL'): Promise<ContainerRecord> {
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, async () => {
    const record = await syncContainer(store, requireContainer(store.db, found.id));
    if (!ACTIVE_STATUSES.has(record.state.status))
      throw new ContainerStateError(
        `can only kill running containers. ${record.id.slice(0, 12)} is in state ${record.state.status}: container state improper`,
      );
    const state: ContainerState = { ...record.state, stoppedByUser: true };
    saveContainerState(store.db, record.id, state);
    await runtimeFor(store.paths, record.runtime).kill(record.id, signal);
    const next = { ...record, state };
    containerEvent(store, 'kill', next, { signal });
    return next;
  });
}
