// The volumes domain of the contract on a local store: the volume domain's functions (the same
// ones the CLI uses), with its errors mapped to the contract's codes.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { VolumeInspect } from '../contract/container-types.js';
import type { WireErrorCode } from '../service/engine-error.js';
import type { Store } from '../state/store.js';
import {
  createVolume,
  inspectVolume,
  listVolumeRecords,
  pruneVolumes,
  removeVolumes,
  requireVolume,
  volumeListFilter,
  volumePruneFilter,
  VolumeError,
  VolumeExistsError,
  VolumeInUseError,
  VolumeInvalidError,
  VolumeNotFoundError,
} from '../volume/index.js';

type VolumeCalls = DomainCalls<'volumes'>;

export function volumeErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof VolumeNotFoundError) return 'not-found';
  if (error instanceof VolumeInUseError || error instanceof VolumeExistsError) return 'conflict';
  if (error instanceof VolumeInvalidError) return 'invalid-input';
  if (error instanceof VolumeError) return 'engine';
  // Filter errors and the like carry the CLI's exit code 125: the user's input.
  if (error instanceof Error && (error as { exitCode?: unknown }).exitCode === 125) return 'invalid-input';
  return undefined;
}

export function volumeCalls(store: () => Store): VolumeCalls {
  return {
    'volumes.list': async ({ filters }) => {
      const { db } = store();
      const matches = volumeListFilter(db, filters);
      return listVolumeRecords(db).filter(matches).map(inspectVolume) satisfies VolumeInspect[];
    },
    'volumes.inspect': async ({ volume }) => inspectVolume(requireVolume(store().db, volume)),
    'volumes.create': async ({ name, labels, options }) =>
      inspectVolume((await createVolume(store(), { name, labels, options })).volume),
    'volumes.remove': async ({ volumes, force }) => {
      const report = await removeVolumes(store(), volumes, { force });
      return {
        removed: report.removed,
        errors: report.errors.map((e) => ({ message: e.message, code: volumeErrorCode(e) ?? 'engine' })),
      };
    },
    'volumes.prune': async ({ all, filters }) => {
      const s = store();
      const prune = volumePruneFilter(s.db, filters);
      return { removed: await pruneVolumes(s, { all: all || prune.all, filter: prune.filter }) };
    },
  };
}
