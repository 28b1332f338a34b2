// The hook through which the containers domain tells the image domain which containers use an
// image: `rmi` refuses to remove an image in use unless --force, and with --force asks the
// containers domain to remove those containers first (as podman does). Until containers register
// here, no image is in use.
import type { StateDatabase } from '../state/state-database.js';
import type { Store } from '../state/store.js';

export interface ImageUser {
  id: string;
  name: string;
}

export interface ImageUsageHooks {
  /** Containers whose root filesystem comes from the image. */
  containersUsingImage(db: StateDatabase, imageId: string): ImageUser[];
  /** Removes containers (stopping them first); used by `rmi --force`. */
  removeContainersForImage(store: Store, containerIds: readonly string[]): Promise<void>;
}

const noContainers: ImageUsageHooks = {
  containersUsingImage: () => [],
  removeContainersForImage: async () => {},
};

let hooks: ImageUsageHooks = noContainers;

/** Called once by the containers domain when it loads. */
export function registerImageUsageHooks(implementation: ImageUsageHooks): void {
  hooks = implementation;
}

export function imageUsageHooks(): ImageUsageHooks {
  return hooks;
}
