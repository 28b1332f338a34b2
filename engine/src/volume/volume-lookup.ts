// Finds a volume by its name or, as podman's LookupVolume does, by a unique prefix of its name
// (handy for the 64-hex names of anonymous volumes).
import type { StateDatabase } from '../state/state-database.js';
import { VolumeError, VolumeNotFoundError } from './volume-errors.js';
import { getVolumeRecord, type VolumeRecord } from './volume-records.js';

export function lookupVolume(db: StateDatabase, nameOrPrefix: string): VolumeRecord | undefined {
  const exact = getVolumeRecord(db, nameOrPrefix);
  if (exact || nameOrPrefix === '') return exact;
  const escaped = nameOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const names = db
    .prepare("SELECT name FROM volumes WHERE name LIKE ? || '%' ESCAPE '\\' LIMIT 2")
    .pluck()
    .all(escaped) as string[];
  if (names.length > 1)
    throw new VolumeError(`more than one result for volume name ${nameOrPrefix}: give more of the name`);
  return names[0] === undefined ? undefined : getVolumeRecord(db, names[0]);
}

export function requireVolume(db: StateDatabase, nameOrPrefix: string): VolumeRecord {
  const volume = lookupVolume(db, nameOrPrefix);
  if (!volume) throw new VolumeNotFoundError(nameOrPrefix);
  return volume;
}
