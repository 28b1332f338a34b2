// Named and anonymous volumes of a container (engine/src/volume), made ready at init: created
// when missing and, on first use, filled with what the image has at the mount point (podman's
// copy-up); released when the container stops, removed with it for `rm -v` and --rm.
import { RootfsPathError, resolveInRootfs } from '../runtime/rootfs-path.js';
import { resolveUser } from '../runtime/user-resolve.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import type { ContainerRecord } from './container-records.js';

/** Host paths of the container's volume mounts, by destination. */
export async function prepareContainerVolumes(
  store: Store,
  record: ContainerRecord,
  rootfs: string,
): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  if (!record.config.mounts.some((m) => m.type === 'volume')) return paths;
  // The volume domain is loaded only for containers that have volumes (CLI start-up cost).
  const { copyUpVolume, useVolume } = await import('../volume/index.js');
  for (const mount of record.config.mounts) {
    if (mount.type !== 'volume') continue;
    const volume = await useVolume(store, mount.name, { anonymous: mount.anonymous });
    let source: string | undefined;
    try {
      source = resolveInRootfs(rootfs, mount.destination);
    } catch (error) {
      if (!(error instanceof RootfsPathError)) throw error;
    }
    const user = resolveUser(rootfs, record.config.user || undefined);
    if (source !== undefined)
      await copyUpVolume(store, volume.name, source, {
        nocopy: mount.options.includes('nocopy'),
        owner: { uid: user.uid, gid: user.gid },
      });
    paths.set(mount.destination, volume.hostPath);
  }
  return paths;
}

/** The container stopped: volumes with mount options are unmounted after their last user. */
export async function releaseContainerVolumes(store: Store, record: ContainerRecord): Promise<void> {
  if (!record.config.mounts.some((m) => m.type === 'volume')) return;
  const { releaseVolume } = await import('../volume/index.js');
  for (const mount of record.config.mounts) {
    if (mount.type === 'volume') await releaseVolume(store, mount.name).catch(() => undefined);
  }
}

/**
 * Removes the container's anonymous volumes (rm -v, --rm), after its record is gone. Named
 * volumes stay; one still used by another container stays too (with a warning).
 */
export async function removeAnonymousVolumes(store: Store, record: ContainerRecord): Promise<void> {
  if (!record.config.mounts.some((m) => m.type === 'volume' && m.anonymous)) return;
  const { removeVolume, VolumeNotFoundError } = await import('../volume/index.js');
  for (const mount of record.config.mounts) {
    if (mount.type !== 'volume' || !mount.anonymous) continue;
    try {
      await removeVolume(store, mount.name);
    } catch (error) {
      if (error instanceof VolumeNotFoundError) continue;
      log.warn(
        `keeping anonymous volume ${mount.name} of container ${record.name}: ${(error as Error).message}`,
      );
    }
  }
}
