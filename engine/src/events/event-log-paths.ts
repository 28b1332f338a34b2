// Where a store's event log lives: under the run root, as podman keeps its events.log under its
// tmpdir, so a reboot starts a fresh history. One previous file is kept across a rotation.
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';

export interface EventLogPaths {
  dir: string;
  current: string;
  /** The file before the last rotation (`events.log.1`). */
  previous: string;
}

export function eventLogPaths(paths: Pick<StorePaths, 'runRoot'>): EventLogPaths {
  const dir = path.join(paths.runRoot, 'events');
  return { dir, current: path.join(dir, 'events.log'), previous: path.join(dir, 'events.log.1') };
}

/** podman's default events_logfile_max_size (1 MB). */
export const DEFAULT_EVENT_LOG_MAX_BYTES = 1_000_000;
