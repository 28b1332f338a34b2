// `volume rm` and `volume prune`. A volume in use by a container is refused (exit 2) unless
// forced, and forcing removes those containers first through the containers domain's hook. The
// data directory is renamed out of the way before the record goes, then deleted, so a removal
// killed half-way leaves neither a record without data nor old data under a reusable name.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { appendEvent } from '../events/append-event.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { VolumeError, VolumeInUseError, VolumeNotFoundError } from './volume-errors.js';
import { requireVolume } from './volume-lookup.js';
import { unmountVolume } from './volume-mount.js';
import { REMOVING_PREFIX, removingDir, volumeDir, volumeLockName } from './volume-paths.js';
import {
  deleteVolumeRecord,
  getVolumeRecord,
  listVolumeRecords,
  type VolumeRecord,
} from './volume-records.js';
import { volumeUsageHooks } from './volume-users.js';

export interface RemoveVolumeOptions {
  /** Remove containers using it first (and unmount it if mounted). */
  force?: boolean;
}

/** Deletes data directories of removals that were interrupted. */
export function sweepInterruptedRemovals(store: Store): void {
  let names: string[];
  try {
    names = readdirSync(store.paths.volumePath);
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(REMOVING_PREFIX))
      rmSync(path.join(store.paths.volumePath, name), { recursive: true, force: true });
}

function deleteData(store: Store, name: string): void {
  const trash = removingDir(store.paths, name);
  try {
    renameSync(volumeDir(store.paths, name), trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new VolumeError(
      `moving the data of volume ${name} out of the way: ${(error as Error).message}: is something still mounted in ${volumeDir(store.paths, name)}?`,
      { cause: error },
    );
  }
  deleteVolumeRecord(store.db, name);
  // rmSync removes symlinks themselves and never follows them.
  rmSync(trash, { recursive: true, force: true });
}

/** Removes one volume by name or unique prefix; returns its full name. */
export async function removeVolume(
  store: Store,
  nameOrPrefix: string,
  options: RemoveVolumeOptions = {},
): Promise<string> {
  return removeVolumeByName(store, requireVolume(store.db, nameOrPrefix).name, options);
}

/** Removes exactly this volume (never a prefix match: a list taken earlier may be stale). */
async function removeVolumeByName(store: Store, name: string, options: RemoveVolumeOptions): Promise<string> {
  const hooks = volumeUsageHooks();
  const users = hooks.containersUsingVolume(store.db, name);
  if (users.length > 0) {
    if (!options.force)
      throw new VolumeInUseError(
        `volume ${name} is being used by the following container(s): ${users.map((u) => u.id).join(', ')}: volume is being used (remove the container${users.length > 1 ? 's' : ''} first, or use --force)`,
      );
    await hooks.removeContainersForVolume(
      store,
      users.map((u) => u.id),
    );
  }
  await withLock(store.db, volumeLockName(name), async () => {
    const volume = getVolumeRecord(store.db, name);
    if (!volume) throw new VolumeNotFoundError(name); // removed by a concurrent process
    if (volume.mountCount > 0 || options.force) await unmountVolume(store.db, volume, true);
    deleteData(store, name);
  });
  appendEvent(store, { Type: 'volume', Status: 'remove', Name: name });
  return name;
}

export interface VolumeRemovalReport {
  removed: string[];
  errors: VolumeError[];
}

/** `volume rm NAME...` or `volume rm --all`: every volume is tried; failures are collected. */
export async function removeVolumes(
  store: Store,
  names: readonly string[],
  options: RemoveVolumeOptions & { all?: boolean } = {},
): Promise<VolumeRemovalReport> {
  sweepInterruptedRemovals(store);
  const report: VolumeRemovalReport = { removed: [], errors: [] };
  const targets = options.all ? listVolumeRecords(store.db).map((v) => v.name) : names;
  for (const name of targets) {
    try {
      report.removed.push(
        options.all
          ? await removeVolumeByName(store, name, options)
          : await removeVolume(store, name, options),
      );
    } catch (error) {
      if (!(error instanceof VolumeError)) throw error;
      report.errors.push(error);
    }
  }
  return report;
}

export interface PruneVolumesOptions {
  /** Named volumes too; by default only anonymous ones (podman 5+, docker 23+). */
  all?: boolean;
  filter?: (volume: VolumeRecord) => boolean;
}

/** Removes volumes no container uses; returns the removed names. */
export async function pruneVolumes(store: Store, options: PruneVolumesOptions = {}): Promise<string[]> {
  sweepInterruptedRemovals(store);
  const hooks = volumeUsageHooks();
  const removed: string[] = [];
  for (const volume of listVolumeRecords(store.db)) {
    if (!options.all && !volume.anonymous) continue;
    if (options.filter && !options.filter(volume)) continue;
    if (hooks.containersUsingVolume(store.db, volume.name).length > 0) continue;
    try {
      await removeVolumeByName(store, volume.name, {});
    } catch (error) {
      // Taken into use or removed by another process meanwhile: not ours to prune any more.
      if (error instanceof VolumeInUseError || error instanceof VolumeNotFoundError) continue;
      log.warn(`pruning volume ${volume.name}: ${(error as Error).message}`);
      continue;
    }
    appendEvent(store, { Type: 'volume', Status: 'prune', Name: volume.name });
    removed.push(volume.name);
  }
  return removed;
}
