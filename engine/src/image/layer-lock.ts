// The lock that makes one process at a time unpack a given layer (`layer:<diff ID>`), for pull and
// load: state/object-lock's withLock (the object_locks row excludes other processes, a per-name
// queue orders callers within this one, e.g. two pulls in the desktop app). Layer locks never nest.
import { withLock } from '../state/object-lock.js';
import type { StateDatabase } from '../state/state-database.js';

/** Runs `work` holding the lock on `layer:<diffId>`, waiting up to `timeoutMs` for another holder. */
export function withLayerLock<T>(
  db: StateDatabase,
  diffId: string,
  work: () => Promise<T> | T,
  timeoutMs: number,
): Promise<T> {
  return withLock(db, `layer:${diffId}`, work, timeoutMs);
}
