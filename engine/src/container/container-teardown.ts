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

export async function teardownContainerRuntime(
  store: Store,
  record: ContainerRecord,
  paths: ContainerPaths,
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
  const runtimeCleaned = cleanupContainerRuntime(record.id, paths, runtime, {
    monitorExiting,
    awaitExitingMonitor: monitorExiting && ownsCleanup(paths.runDir),
  }).catch((e: Error) => problems.push(e.message));
  const unmount = () => unmountContainerRootfs(paths).catch((e: Error) => problems.push(e.message));
  // An exited container has no process left on its rootfs: the unmount need not wait for the
  // runtime's delete. A live one (rm -f) is killed by that delete first.
  if (monitorExiting) await Promise.all([runtimeCleaned, unmount()]);
  else {
    await runtimeCleaned;
    await unmount();
  }
  await network;
  await releaseContainerVolumes(store, record);
  if (problems.length > 0) throw new Error(problems.join('; '));
}
