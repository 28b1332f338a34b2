// Work on a container's root filesystem whatever its state (cp, export, diff, commit): a running
// container's overlay is already mounted and stays so; a stopped one is mounted for the work with
// the same code `start` uses, and unmounted afterwards even when the work fails. The container's
// lock is held throughout, so a start, stop or rm in another process waits instead of pulling the
// mount away mid-copy (or finding a half-made one).
import { getImageRecord } from '../image/image-records.js';
import type { Store } from '../state/store.js';
import { isMounted } from '../storage/overlay-mount.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths, type ContainerPaths } from './container-paths.js';
import type { ContainerRecord } from './container-records.js';
import { mountContainerRootfs, unmountContainerRootfs } from './container-rootfs.js';
import { ContainerStateError } from './container-start.js';
import { syncContainer } from './container-sync.js';

/** Statuses in which the rootfs is mounted by the container's own life (init to exit). */
const MOUNTED_STATUSES = new Set(['initialized', 'running', 'paused', 'stopping']);

export interface RootfsAccess {
  record: ContainerRecord;
  paths: ContainerPaths;
  /** Host path of the mounted rootfs (the overlay's merged dir). */
  rootfs: string;
  /** The container's processes are alive (running, paused...): its files may change meanwhile. */
  live: boolean;
}

/** Runs `work` with the container's rootfs mounted; caller must not hold the container's lock. */
export async function withContainerRootfs<T>(
  store: Store,
  input: string,
  work: (access: RootfsAccess) => Promise<T>,
): Promise<T> {
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, async () => {
    const record = await syncContainer(store, requireContainer(store.db, found.id));
    return withContainerRootfsLocked(store, record, work);
  });
}

/** The same, for a caller that already holds the container's lock. */
export async function withContainerRootfsLocked<T>(
  store: Store,
  record: ContainerRecord,
  work: (access: RootfsAccess) => Promise<T>,
): Promise<T> {
  const paths = containerPaths(store.paths, record.id);
  if (record.state.status === 'removing')
    throw new ContainerStateError(`container ${record.name} is being removed: its files are going away`);
  if (MOUNTED_STATUSES.has(record.state.status) && isMounted(paths.mergedDir))
    return work({ record, paths, rootfs: paths.mergedDir, live: true });
  const image = getImageRecord(store.db, record.imageId);
  if (!image)
    throw new ContainerStateError(
      `the image ${record.imageId.slice(0, 12)} of container ${record.name} is gone from the store: its root filesystem cannot be mounted`,
    );
  const rootfs = await mountContainerRootfs(store.paths, image, paths);
  let failed = true;
  try {
    const result = await work({ record, paths, rootfs, live: false });
    failed = false;
    return result;
  } finally {
    // A failed unmount must not hide the work's own error, nor pass silently after a success.
    const unmounted = unmountContainerRootfs(paths);
    if (failed) await unmounted.catch(() => undefined);
    else await unmounted;
  }
}
