// The hook through which the containers domain tells the volume domain which containers use a
// volume: `volume rm` refuses a volume in use unless --force, and with --force asks the containers
// domain to remove those containers first (as podman does); `dangling` and `prune` skip volumes in
// use. Until containers register here, no volume is in use.
import type { StateDatabase } from '../state/state-database.js';
import type { Store } from '../state/store.js';

export interface VolumeUser {
  id: string;
  name: string;
}

export interface VolumeUsageHooks {
  /** Containers (any state) whose configuration mounts the volume. */
  containersUsingVolume(db: StateDatabase, volumeName: string): VolumeUser[];
  /** Removes containers (stopping them first); used by `volume rm --force`. */
  removeContainersForVolume(store: Store, containerIds: readonly string[]): Promise<void>;
}

const noContainers: VolumeUsageHooks = {
  containersUsingVolume: () => [],
  removeContainersForVolume: async () => {},
};

let hooks: VolumeUsageHooks = noContainers;

/** Called once by the containers domain when it loads. */
export function registerVolumeUsageHooks(implementation: VolumeUsageHooks): void {
  hooks = implementation;
}

export function volumeUsageHooks(): VolumeUsageHooks {
  return hooks;
}
