// The volume domain's public API, for the CLI, the containers domain and the desktop app.
export { createVolume, type CreateVolumeOptions, type CreateVolumeResult } from './volume-create.js';
export { useVolume, releaseVolume, type UseVolumeOptions, type VolumeMount } from './volume-use.js';
export { copyUpVolume, type CopyUpOptions, type CopyUpResult } from './volume-copy-up.js';
export { removeVolume, removeVolumes, pruneVolumes, type VolumeRemovalReport } from './volume-remove.js';
export { lookupVolume, requireVolume } from './volume-lookup.js';
export { inspectVolume, type VolumeInspectData } from './volume-inspect.js';
export { volumeListFilter, volumePruneFilter } from './volume-filters.js';
export {
  listVolumeRecords,
  getVolumeRecord,
  VOLUME_MIGRATIONS,
  type VolumeRecord,
} from './volume-records.js';
export { registerVolumeUsageHooks, type VolumeUsageHooks, type VolumeUser } from './volume-users.js';
export { validateVolumeName, anonymousVolumeName, VOLUME_NAME_PATTERN } from './volume-names.js';
export * from './volume-errors.js';
