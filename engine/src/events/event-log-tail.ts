// Reads the event log incrementally and hands out complete lines only: a line is buffered until
// its newline arrives, so a reader never sees half of an event that a writer is still appending.
// Follows the log across rotation: when the path names a new file, the old one is read to its end
// and kept open a little longer (a writer that opened it just before the rename may still land
// its line there), while the new file is read from its start.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { EventLogPaths } from './event-log-paths.js';

interface OpenLog {
  fd: number;
  ino: number;
  dev: number;
  position: number;
  /** Bytes after the last newline read so far. */
  leftover: Buffer;
  /** Started in the middle of a line (following from the end): drop up to the first newline. */
  skipPartial: boolean;
}

const CHUNK = 64 * 1024;

function sameInode(a: OpenLog, b: OpenLog): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

function openLog(file: string): OpenLog | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stat = fstatSync(fd);
  return { fd, ino: stat.ino, dev: stat.dev, position: 0, leftover: Buffer.alloc(0), skipPartial: false };
}

/** Appends every complete line from the file's read position to its current end. */
function drain(log: OpenLog, lines: string[]): void {
  const buffer = Buffer.allocUnsafe(CHUNK);
  while (true) {
    const bytesRead = readSync(log.fd, buffer, 0, CHUNK, log.position);
    if (bytesRead === 0) return;
    log.position += bytesRead;
    let data = Buffer.concat([log.leftover, buffer.subarray(0, bytesRead)]);
    const lastNewline = data.lastIndexOf(0x0a);
    if (lastNewline < 0) {
      log.leftover = data;
      continue;
    }
    log.leftover = Buffer.from(data.subarray(lastNewline + 1));
    data = data.subarray(0, lastNewline);
    // Only whole lines are decoded, so a multi-byte character split between reads stays intact.
    const text = data.toString('utf8').split('\n');
    if (log.skipPartial) {
      text.shift();
      log.skipPartial = false;
    }
    for (const line of text) if (line !== '') lines.push(line);
  }
}

export class EventLogTail {
  private current: OpenLog | undefined;
  private readonly draining: { log: OpenLog; closeAt: number }[] = [];

  constructor(
    private readonly paths: EventLogPaths,
    /** How long a rotated-away file is still read for late lines. */
    private readonly rotationGraceMs = 2000,
  ) {}

  /**
   * Opens the log. From the start: the previous file's lines, then the current file's. Otherwise
   * positioned at the current end, so that only lines appended from now on are read.
   */
  start(fromStart: boolean): string[] {
    const lines: string[] = [];
    this.current = openLog(this.paths.current);
    if (!fromStart) {
      if (this.current) {
        const size = fstatSync(this.current.fd).size;
        this.current.position = size;
        if (size > 0) {
          const last = Buffer.alloc(1);
          readSync(this.current.fd, last, 0, 1, size - 1);
          this.current.skipPartial = last[0] !== 0x0a;
        }
      }
      return lines;
    }
    let previous = openLog(this.paths.previous);
    if (previous && this.current && sameInode(previous, this.current)) {
      // A rotation between the two opens: what we opened as current is now the previous file.
      closeSync(previous.fd);
      previous = this.current;
      this.current = openLog(this.paths.current);
    }
    if (previous) {
      drain(previous, lines);
      closeSync(previous.fd);
    }
    if (this.current) drain(this.current, lines);
    return lines;
  }

  /** Complete lines appended since the last call, following a rotation or a truncation. */
  readAvailable(now = Date.now()): string[] {
    const lines: string[] = [];
    for (let i = this.draining.length - 1; i >= 0; i--) {
      const entry = this.draining[i]!;
      drain(entry.log, lines);
      if (now >= entry.closeAt) {
        closeSync(entry.log.fd);
        this.draining.splice(i, 1);
      }
    }
    let stat;
    try {
      stat = statSync(this.paths.current);
    } catch {
      stat = undefined; // renamed away and not re-created yet: keep reading the file we have
    }
    if (stat && (!this.current || stat.ino !== this.current.ino || stat.dev !== this.current.dev)) {
      const old = this.current;
      if (old) {
        drain(old, lines);
        this.draining.push({ log: old, closeAt: now + this.rotationGraceMs });
      }
      // A file that appeared while we follow holds only new events: read it from its start.
      this.current = openLog(this.paths.current);
      // Two rotations since the last look: the file in between is now the previous one.
      const between = old ? openLog(this.paths.previous) : undefined;
      if (between && !sameInode(between, old!) && !(this.current && sameInode(between, this.current))) {
        drain(between, lines);
        this.draining.push({ log: between, closeAt: now + this.rotationGraceMs });
      } else if (between) closeSync(between.fd);
    } else if (stat && this.current && stat.size < this.current.position) {
      this.current.position = 0; // truncated in place by someone: start over
      this.current.leftover = Buffer.alloc(0);
    }
    if (this.current) drain(this.current, lines);
    return lines;
  }

  close(): void {
    for (const entry of this.draining.splice(0)) closeSync(entry.log.fd);
    if (this.current) closeSync(this.current.fd);
    this.current = undefined;
  }
}
