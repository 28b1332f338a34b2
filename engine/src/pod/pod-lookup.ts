// Finding a pod the way podman does: full ID, exact name, or a unique ID prefix.
import type { StateDatabase } from '../state/state-database.js';
import { getPodRecord, podIdByName, podIdsByPrefix, type PodRecord } from './pod-records.js';

/** Any pod failure the CLI reports as `Error: ...` with its exit code. */
export class PodError extends Error {
  constructor(
    message: string,
    readonly exitCode = 125,
  ) {
    super(message);
  }
}

export class NoSuchPodError extends PodError {
  constructor(readonly input: string) {
    // podman's wording; `pod rm` and `pod exists` exit 1 for it, the others 125.
    super(`no pod with name or ID ${input} found: no such pod`);
  }
}

export function findPod(db: StateDatabase, input: string): PodRecord | undefined {
  if (input === '') return undefined;
  const exact = getPodRecord(db, input);
  if (exact) return exact;
  const byName = podIdByName(db, input);
  if (byName) return getPodRecord(db, byName);
  if (/^[0-9a-f]{1,63}$/.test(input)) {
    const ids = podIdsByPrefix(db, input);
    if (ids.length > 1)
      throw new PodError(`more than one pod matches the ID prefix "${input}": give more digits`);
    if (ids.length === 1) return getPodRecord(db, ids[0]!);
  }
  return undefined;
}

export function requirePod(db: StateDatabase, input: string): PodRecord {
  const record = findPod(db, input);
  if (!record) throw new NoSuchPodError(input);
  return record;
}
