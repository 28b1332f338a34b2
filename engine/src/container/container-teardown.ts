// Undoing init: the runtime's record and conmon (runtime/container-cleanup.ts), the /etc files
// and the rootfs mount. Used after an exit, by stop, by rm and after a failed start; safe to repeat.
import { existsSync } from 'node:fs';
import { teardownContainerNetwork } from '../network/container-network.js';
import { cleanupContainerRuntime } from '../runtime/container-cleanup.js';
import type { Store } from '../state/store.js';
import type { ContainerPaths } from './container-paths.js';
import type { ContainerRecord } from './container-records.js';
import { unmountContainerRootfs } from './container-rootfs.js';
import { runtimeFor } from './container-runtime.js';
import { releaseContainerVolumes } from './container-volumes.js';
import { ownsCleanup } from './exit-command.js';

export interface TeardownOptions {
  /**
   * Runs once the rootfs is unmounted and the runtime's record and monitor are gone, while the
   * network may still be being torn down (removal deletes the container's folder here: netavark
   * is the slowest part, and the folder can only go once nothing is mounted in it or read from
   * it). Not run when the unmount or the runtime's clean-up failed.
   */
  afterUnmount?: () => Promise<void>;
}

export async function teardownContainerRuntime(
  store: Store,
  record: ContainerRecord,
  paths: ContainerPaths,
  options: TeardownOptions = {},
): Promise<void> {
  const runtime = runtimeFor(store.paths, record.runtime);
  const problems: string[] = [];
  // With the exit file written, conmon is on its way out (possibly waiting for the exit command
  // that runs this very code): leave it be.
  const monitorExiting = existsSync(paths.exitFile);
  // Networking (netavark teardown, netns) needs nothing from the runtime or the rootfs: it is the
  // slowest part (netavark deletes veth, rules and, after the last container, the bridge), so it
  // runs alongside the rest.
  const network = teardownContainerNetwork(store, record.id).catch((e: Error) => problems.push(e.message));
  let runtimeCleanedUp = false;
  const runtimeCleaned = cleanupContainerRuntime(record.id, paths, runtime, {
    monitorExiting,
    awaitExitingMonitor: monitorExiting && ownsCleanup(paths.runDir),
  }).then(
    () => (runtimeCleanedUp = true),
    (e: Error) => problems.push(e.message),
  );
  let unmounted = false;
  const unmount = () =>
    unmountContainerRootfs(paths).then(
      () => (unmounted = true),
      (e: Error) => problems.push(e.message),
    );
  // An exited container has no process left on its rootfs: the unmount need not wait for the
  // runtime's delete. A live one (rm -f) is killed by that delete first.
  if (monitorExiting) await Promise.all([runtimeCleaned, unmount()]);
  else {
    await runtimeCleaned;
    await unmount();
  }
  // Only once the runtime's part is done too (it reads conmon's PID file in the bundle).
  if (unmounted && runtimeCleanedUp)
    await options.afterUnmount?.().catch((e: Error) => problems.push(e.message));
  await network;
  await releaseContainerVolumes(store, record);
  if (problems.length > 0) throw new Error(problems.join('; '));
}
