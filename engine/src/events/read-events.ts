// Reads a store's events as an async iterable: the history (events.log.1 then events.log), and
// with `follow` the events appended from then on by any process. Following waits on inotify
// (fs.watch on the log's directory, which survives the file being renamed) with a slow poll as a
// fallback, so an idle follower costs next to nothing; an AbortSignal or breaking out of the loop
// ends it and releases the watch and the files.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import type { StorePaths } from '../config/store-paths.js';
import { decodeEventLine } from './event-codec.js';
import { compileEventFilters, type EventPredicate } from './event-filters.js';
import { eventLogPaths } from './event-log-paths.js';
import { EventLogTail } from './event-log-tail.js';
import { nanosFromDate, nowNanos, parseInputTime } from './event-time.js';
import type { BerthEvent } from './event-types.js';

export type EventTimeInput = bigint | Date | string;

export interface ReadEventsOptions {
  /** Only events after this time (nanoseconds, a Date, or what --since accepts). */
  since?: EventTimeInput;
  /** Only events before this time; when following, stop once it has passed. */
  until?: EventTimeInput;
  /** podman's --filter strings (`type=container`, `event=start`...) or a predicate. */
  filters?: readonly string[] | EventPredicate;
  /**
   * Keep reading new events. Without `since` (and without `fromStart`) following starts at the
   * end of the log, as `podman events` does; with it, the matching history comes first.
   */
  follow?: boolean;
  fromStart?: boolean;
  signal?: AbortSignal;
  /** Fallback poll interval when inotify says nothing (ms). */
  pollMs?: number;
}

function toNanos(time: EventTimeInput, since: boolean): bigint {
  if (typeof time === 'bigint') return time;
  if (time instanceof Date) return nanosFromDate(time);
  return parseInputTime(time, since);
}

/** Waits for a change in the directory, the poll interval, or the abort signal. */
class DirectoryWaiter {
  private watcher: FSWatcher | undefined;
  private wake: (() => void) | undefined;
  private changed = false;

  constructor(
    dir: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    try {
      this.watcher = watch(dir, { persistent: true }, this.fire);
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // no inotify here (or the directory vanished): the poll alone will do
    }
    signal?.addEventListener('abort', this.fire, { once: true });
  }

  private readonly fire = (): void => {
    this.changed = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };

  async wait(timeoutMs: number): Promise<void> {
    if (!this.changed && !this.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = undefined;
          resolve();
        }, timeoutMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.changed = false;
  }

  close(): void {
    this.watcher?.close();
    this.signal?.removeEventListener('abort', this.fire);
  }
}

export async function* readEvents(
  store: { paths: Pick<StorePaths, 'runRoot'> },
  options: ReadEventsOptions = {},
): AsyncGenerator<BerthEvent> {
  const since = options.since === undefined ? undefined : toNanos(options.since, true);
  const until = options.until === undefined ? undefined : toNanos(options.until, false);
  const filter: EventPredicate =
    typeof options.filters === 'function' ? options.filters : compileEventFilters(options.filters ?? []);
  const matches = (e: BerthEvent) =>
    (since === undefined || e.timeNano > since) && (until === undefined || e.timeNano < until) && filter(e);
  const paths = eventLogPaths(store.paths);
  const follow = options.follow ?? false;
  if (follow) mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  // Watch before the first read: an event appended in between is then not waited for in vain.
  const waiter = follow ? new DirectoryWaiter(paths.dir, options.signal) : undefined;
  const tail = new EventLogTail(paths);
  try {
    const fromStart = !follow || since !== undefined || (options.fromStart ?? false);
    for (const line of tail.start(fromStart)) {
      if (options.signal?.aborted) return;
      const event = decodeEventLine(line);
      if (event && matches(event)) yield event;
    }
    if (!waiter) return;
    const pollMs = options.pollMs ?? 1000;
    while (!options.signal?.aborted) {
      let timeout = pollMs;
      if (until !== undefined) {
        const left = until - nowNanos();
        if (left <= 0n) return;
        timeout = Math.min(timeout, Math.ceil(Number(left / 1_000_000n)) + 1);
      }
      await waiter.wait(timeout);
      for (const line of tail.readAvailable()) {
        if (options.signal?.aborted) return;
        const event = decodeEventLine(line);
        if (event && matches(event)) yield event;
      }
    }
  } finally {
    waiter?.close();
    tail.close();
  }
}
