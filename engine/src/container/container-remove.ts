// rm: a stopped container goes at once; a running one only with force (killed first, as podman's
// rm -f). Everything of it goes: runtime record, conmon, mounts, files, the record last, so that
// a removal interrupted half-way is finished by the next `rm` rather than leaving an orphan.
import { rm } from 'node:fs/promises';
import { stopMonitorNow } from '../runtime/container-cleanup.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import {
  deleteContainerRecord,
  getContainerRecord,
  saveContainerState,
  type ContainerRecord,
} from './container-records.js';
import { runtimeFor } from './container-runtime.js';
import { ACTIVE_STATUSES } from './container-state.js';
import { syncContainer } from './container-sync.js';
import { PodError } from '../pod/pod-lookup.js';
import { getPodRecord } from '../pod/pod-records.js';
import { teardownContainerRuntime } from './container-teardown.js';
import { removeAnonymousVolumes } from './container-volumes.js';

export class ContainerRunningError extends Error {
  /** podman's rm exits 2 when a container is running and --force was not given. */
  readonly exitCode = 2;
}

export interface RemoveOptions {
  force?: boolean;
  /** -v: also remove the container's anonymous volumes. */
  volumes?: boolean;
  // --- pods ---
  /** Set by `pod rm` (engine/src/pod): only it may remove a pod's infra container. */
  byPod?: boolean;
  // --- end pods ---
}

/** Removes a container; caller holds its lock. */
export async function removeContainerLocked(
  store: Store,
  input: ContainerRecord,
  options: RemoveOptions = {},
): Promise<void> {
  const current = getContainerRecord(store.db, input.id);
  if (!current) return;
  const record = await syncContainer(store, current);
  // --- pods: the infra container holds its pod's namespaces and goes only with the pod ---
  if (record.config.podInfra && !options.byPod && getPodRecord(store.db, record.config.pod ?? ''))
    throw new PodError(
      `container ${record.id} is the infra container of pod ${record.config.pod} and cannot be removed without removing the pod: use berth pod rm`,
    );
  // --- end pods ---
  if (ACTIVE_STATUSES.has(record.state.status) && !options.force)
    throw new ContainerRunningError(
      `cannot remove container ${record.id} as it is ${record.state.status} - running or paused containers cannot be removed without force: container state improper`,
    );
  const wasActive = ACTIVE_STATUSES.has(record.state.status);
  saveContainerState(store.db, record.id, { ...record.state, status: 'removing', stoppedByUser: true });
  const paths = containerPaths(store.paths, record.id);
  // The monitor goes first: killed containers then leave no exit command behind to run after
  // the removal (and nothing of the container outlives `rm`).
  await stopMonitorNow(record.id, paths.conmonPidFile);
  if (wasActive) {
    await runtimeFor(store.paths, record.runtime)
      .kill(record.id, 'KILL', { all: true })
      .catch(() => undefined);
  }
  await teardownContainerRuntime(store, record, paths, {
    afterUnmount: () => rm(paths.containerDir, { recursive: true, force: true }),
  });
  log.debug(`container ${record.id.slice(0, 12)}: runtime record, monitor and rootfs gone`);
  // (The container's folder went during the teardown, once its rootfs was unmounted.)
  await Promise.all([
    rm(paths.runDir, { recursive: true, force: true }),
    rm(paths.exitFile, { force: true }),
  ]);
  deleteContainerRecord(store.db, record.id);
  log.debug(`container ${record.id.slice(0, 12)}: removed`);
  containerEvent(store, 'remove', record);
  if (options.volumes) await removeAnonymousVolumes(store, record);
}

export async function removeContainer(
  store: Store,
  input: string,
  options: RemoveOptions = {},
): Promise<ContainerRecord> {
  const found = requireContainer(store.db, input);
  await withContainerLock(store, found.id, () => removeContainerLocked(store, found, options));
  return found;
}
