// Appends an event to the store's log, safely from any number of processes at once and without a
// daemon: each event is one write(2) on a descriptor opened with O_APPEND, which the kernel
// places at the end of the file atomically, so concurrent lines never interleave or overwrite.
// An event is a side note to the operation that caused it: a failed append is logged at warning
// level and never thrown into the caller.
//
// Rotation: once the file has grown past the limit, one writer renames it to events.log.1
// (replacing the older one) and the next append starts a new file. The rename happens under a
// cross-process lock and only if the path still names the file this writer just appended to, so
// two writers that both see a full file cannot rotate twice and lose the previous file.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
  constants,
} from 'node:fs';
import type { Store } from '../state/store.js';
import { tryLock, unlock } from '../state/object-lock.js';
import { log } from '../util/logger.js';
import { encodeEventLine } from './event-codec.js';
import { DEFAULT_EVENT_LOG_MAX_BYTES, eventLogPaths, type EventLogPaths } from './event-log-paths.js';
import { nowNanos } from './event-time.js';
import type { BerthEvent, NewEvent } from './event-types.js';

export interface AppendOptions {
  /** Rotate once the log is larger than this (bytes); 0 disables rotation. */
  maxBytes?: number;
}

const ROTATE_LOCK = 'events:rotate';
let disabled = false;

/** `--events-backend none`: this process records no events. */
export function disableEventLog(off = true): void {
  disabled = off;
}

function openForAppend(file: string, dir: string): number {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
  try {
    return openSync(file, flags, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return openSync(file, flags, 0o600);
  }
}

function rotateIfStillCurrent(store: Store, paths: EventLogPaths, fd: number, maxBytes: number): void {
  // Someone else rotating right now is as good as rotating ourselves.
  if (!tryLock(store.db, ROTATE_LOCK)) return;
  try {
    const ours = fstatSync(fd);
    let current;
    try {
      current = statSync(paths.current);
    } catch {
      return; // already renamed away, nobody has appended since
    }
    if (current.ino !== ours.ino || current.dev !== ours.dev || current.size <= maxBytes) return;
    renameSync(paths.current, paths.previous);
  } finally {
    unlock(store.db, ROTATE_LOCK);
  }
}

/** Writes the event (time filled in when absent) and returns it; never throws. */
export function appendEvent(store: Store, event: NewEvent, options: AppendOptions = {}): BerthEvent {
  const complete: BerthEvent = { ...event, timeNano: event.timeNano ?? nowNanos() };
  if (disabled) return complete;
  const paths = eventLogPaths(store.paths);
  let fd: number | undefined;
  try {
    const line = Buffer.from(encodeEventLine(complete));
    fd = openForAppend(paths.current, paths.dir);
    const written = writeSync(fd, line);
    if (written !== line.length) {
      // End the torn line so that readers skip it and the next event starts on a line of its own.
      if (written > 0) writeSync(fd, '\n');
      throw new Error(`short write (${written} of ${line.length} bytes): is the disk full?`);
    }
    const maxBytes = options.maxBytes ?? DEFAULT_EVENT_LOG_MAX_BYTES;
    if (maxBytes > 0 && fstatSync(fd).size > maxBytes) rotateIfStillCurrent(store, paths, fd, maxBytes);
  } catch (error) {
    log.warn(
      `recording the ${complete.Type} ${complete.Status} event of ${complete.Name || complete.ID || 'the engine'} in ${paths.current} failed: ${error instanceof Error ? error.message : String(error)} (check that the run root is writable)`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return complete;
}
