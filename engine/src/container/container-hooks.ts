// Registers the container domain with the image domain (and, as they come, volumes and pods):
// those domains ask through hooks which containers use an object, so they need not import us.
import { registerImageUsageHooks } from '../image/image-users.js';
import { registerVolumeUsageHooks } from '../volume/volume-users.js';
import { containerIdsUsingImage, listContainerRecords } from './container-records.js';
import { removeContainer } from './container-remove.js';

let registered = false;

export function registerContainerHooks(): void {
  if (registered) return;
  registered = true;
  registerImageUsageHooks({
    containersUsingImage: (db, imageId) => containerIdsUsingImage(db, imageId),
    removeContainersForImage: async (store, ids) => {
      for (const id of ids) await removeContainer(store, id, { force: true });
    },
  });
  registerVolumeUsageHooks({
    containersUsingVolume: (db, volumeName) =>
      listContainerRecords(db)
        .filter((r) => r.config.mounts.some((m) => m.type === 'volume' && m.name === volumeName))
        .map((r) => ({ id: r.id, name: r.name })),
    removeContainersForVolume: async (store, ids) => {
      for (const id of ids) await removeContainer(store, id, { force: true });
    },
  });
}
