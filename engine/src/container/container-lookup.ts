// Finding a container the way podman does: full ID, exact name, or a unique ID prefix.
import type { StateDatabase } from '../state/state-database.js';
import {
  containerIdByName,
  containerIdsByPrefix,
  getContainerRecord,
  type ContainerRecord,
} from './container-records.js';

export class NoSuchContainerError extends Error {
  readonly exitCode = 125;
  constructor(readonly input: string) {
    super(`no container with name or ID "${input}" found: no such container`);
  }
}

export function findContainer(db: StateDatabase, input: string): ContainerRecord | undefined {
  if (input === '') return undefined;
  const exact = getContainerRecord(db, input);
  if (exact) return exact;
  const byName = containerIdByName(db, input);
  if (byName) return getContainerRecord(db, byName);
  if (/^[0-9a-f]{1,63}$/.test(input)) {
    const ids = containerIdsByPrefix(db, input);
    if (ids.length > 1)
      throw new Error(`more than one container matches the ID prefix "${input}": give more digits`);
    if (ids.length === 1) return getContainerRecord(db, ids[0]!);
  }
  return undefined;
}

export function requireContainer(db: StateDatabase, input: string): ContainerRecord {
  const record = findContainer(db, input);
  if (!record) throw new NoSuchContainerError(input);
  return record;
}
