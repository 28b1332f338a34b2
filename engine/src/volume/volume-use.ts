// What the containers domain calls to put a volume into a container: `useVolume` when a container
// with `-v NAME:/dest` (or an anonymous `-v /dest`) is created or started, `copyUpVolume` once its
// root filesystem is mounted, and `releaseVolume` when it stops.
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { createVolume } from './volume-create.js';
import { VolumeNotFoundError } from './volume-errors.js';
import { mountVolume, unmountVolume } from './volume-mount.js';
import { volumeLockName } from './volume-paths.js';
import { getVolumeRecord } from './volume-records.js';

export interface UseVolumeOptions {
  /** Create a missing named volume (default true, as `-v name:/dest` does). */
  create?: boolean;
  /** For a volume created here. */
  labels?: Record<string, string>;
  /** Create it as an anonymous volume (a container's `-v /dest`, named in advance by the caller). */
  anonymous?: boolean;
  options?: Record<string, string>;
}

export interface VolumeMount {
  name: string;
  /** The host directory to bind-mount into the container. */
  hostPath: string;
  /** Whether this call created the volume (an anonymous one always is). */
  created: boolean;
}

/**
 * Prepares a volume for a container: creates it when missing (with `name` undefined, a new
 * anonymous volume), mounts it when its options make it a mount, and counts the user.
 */
export async function useVolume(
  store: Store,
  name: string | undefined,
  options: UseVolumeOptions = {},
): Promise<VolumeMount> {
  let created = false;
  let volumeName = name;
  if (volumeName === undefined || !getVolumeRecord(store.db, volumeName)) {
    if (volumeName !== undefined && options.create === false) throw new VolumeNotFoundError(volumeName);
    const result = await createVolume(store, {
      name: volumeName,
      labels: options.labels,
      options: options.options,
      ignoreIfExists: true,
      anonymous: options.anonymous ?? volumeName === undefined,
    });
    created = result.created;
    volumeName = result.volume.name;
  }
  const finalName = volumeName;
  return withLock(store.db, volumeLockName(finalName), async () => {
    // Re-read under the lock: a concurrent `volume rm` may have removed it meanwhile.
    const volume = getVolumeRecord(store.db, finalName);
    if (!volume) throw new VolumeNotFoundError(finalName);
    await mountVolume(store.db, volume);
    return { name: finalName, hostPath: volume.mountpoint, created };
  });
}

/** The container no longer uses the volume (it stopped): unmounts it after the last user. */
export async function releaseVolume(store: Store, name: string): Promise<void> {
  await withLock(store.db, volumeLockName(name), async () => {
    const volume = getVolumeRecord(store.db, name);
    if (volume) await unmountVolume(store.db, volume);
  });
}
