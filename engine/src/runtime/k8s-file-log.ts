// Reads conmon's k8s-file log: one record per line, `<RFC 3339 time, 9 fraction digits, numeric
// offset> <stdout|stderr> <F|P> <text>`. P records are pieces of one line (output that did not
// end in a newline yet, or a line longer than conmon's 8 KiB buffer) and are joined until the F.
// Logs are followed as an async iterable: it copes with conmon starting the file over
// (--log-size-max) or the file being rotated, and ends once the container has exited.
import { watch, type FSWatcher } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from './process-status.js';

export type LogStream = 'stdout' | 'stderr';

export interface LogRecord {
  /** The timestamp as conmon wrote it. */
  time: string;
  /** Nanoseconds since the epoch: Date has only milliseconds, the log has nanoseconds. */
  timeNs: bigint;
  stream: LogStream;
  partial: boolean;
  text: string;
}

export interface LogEntry {
  /** The time of the entry's first piece. */
  time: string;
  timeNs: bigint;
  stream: LogStream;
  /** The line without its newline. */
  text: string;
  /** False when the output ended without a newline (the last piece was P). */
  complete: boolean;
}

const RECORD =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) (stdout|stderr) ([FP]) ?(.*)$/s;

export function parseLogRecord(line: string): LogRecord | undefined {
  const m = RECORD.exec(line);
  if (!m) return undefined;
  const [, seconds, fraction = '', offset, stream, tag, text] = m;
  const ms = Date.parse(`${seconds}${offset}`);
  if (Number.isNaN(ms)) return undefined;
  const timeNs = BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
  return {
    time: line.slice(0, line.indexOf(' ')),
    timeNs,
    stream: stream as LogStream,
    partial: tag === 'P',
    text: text ?? '',
  };
}

/** A Date or an exact nanosecond time → nanoseconds since the epoch. */
export function toNanoseconds(time: Date | bigint): bigint {
  return typeof time === 'bigint' ? time : BigInt(time.getTime()) * 1_000_000n;
}

/** Joins P pieces per stream; stdout and stderr can interleave between pieces. */
export class LogEntryAssembler {
  private readonly pending = new Map<LogStream, { time: string; timeNs: bigint; parts: string[] }>();

  push(record: LogRecord): LogEntry | undefined {
    let open = this.pending.get(record.stream);
    if (!open) {
      open = { time: record.time, timeNs: record.timeNs, parts: [] };
      this.pending.set(record.stream, open);
    }
    open.parts.push(record.text);
    if (record.partial) return undefined;
    this.pending.delete(record.stream);
    return {
      time: open.time,
      timeNs: open.timeNs,
      stream: record.stream,
      text: open.parts.join(''),
      complete: true,
    };
  }

  /** Pieces still waiting for their F, oldest first (at the end of the log). */
  flush(): LogEntry[] {
    const out = [...this.pending.entries()].map(([stream, p]) => ({
      time: p.time,
      timeNs: p.timeNs,
      stream,
      text: p.parts.join(''),
      complete: false,
    }));
    this.pending.clear();
    return out.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  }
}

export interface ReadLogsOptions {
  /** Only the last N entries (before following). */
  tail?: number;
  since?: Date | bigint;
  until?: Date | bigint;
  /** Keep reading new output until the container exits or `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Following ends once this file exists (conmon's exit file: written after the last output). */
  exitFile?: string;
  /** Following also ends when this conmon is gone (killed without an exit file). */
  conmonPid?: number;
  pollMs?: number;
}

const CHUNK = 64 * 1024;

/** The entries of a container's log; a missing log file is an empty log. */
export async function* readContainerLogs(
  logPath: string,
  options: ReadLogsOptions = {},
): AsyncGenerator<LogEntry> {
  const since = options.since === undefined ? undefined : toNanoseconds(options.since);
  const until = options.until === undefined ? undefined : toNanoseconds(options.until);
  const inRange = (e: LogEntry) =>
    (since === undefined || e.timeNs >= since) && (until === undefined || e.timeNs <= until);
  const reader = new LogFileReader(logPath);
  try {
    // What is there now: with --tail only the last N entries.
    const initial: LogEntry[] = [];
    const tail = options.tail !== undefined && options.tail >= 0 ? options.tail : undefined;
    // Without a time range the last N entries lie near the end: start reading there, not at the
    // top of a log that may hold millions of lines.
    if (tail !== undefined && since === undefined && until === undefined) await reader.seekToTail(tail);
    for (const e of await reader.readAvailable()) {
      if (!inRange(e)) continue;
      initial.push(e);
      if (tail !== undefined && initial.length > tail) initial.shift();
    }
    if (!options.follow) initial.push(...reader.flushPending().filter(inRange));
    if (tail !== undefined && initial.length > tail) initial.splice(0, initial.length - tail);
    for (const e of initial) {
      if (options.signal?.aborted) return;
      yield e;
    }
    if (!options.follow) return;

    const waiter = new ChangeWaiter(logPath, options.pollMs ?? 100, options.signal);
    try {
      while (!options.signal?.aborted) {
        if (until !== undefined && BigInt(Date.now()) * 1_000_000n > until) break;
        const ended = await containerEnded(options);
        // Read after checking: output written before the exit file is then never missed.
        for (const e of await reader.readAvailable()) {
          if (inRange(e)) yield e;
          if (options.signal?.aborted) return;
        }
        if (ended) {
          for (const e of reader.flushPending()) if (inRange(e)) yield e;
          return;
        }
        await waiter.wait();
      }
    } finally {
      waiter.close();
    }
  } finally {
    await reader.close();
  }
}

async function containerEnded(options: ReadLogsOptions): Promise<boolean> {
  if (options.exitFile) {
    try {
      await stat(options.exitFile);
      return true;
    } catch {
      // not yet
    }
  }
  return options.conmonPid !== undefined && !isProcessAlive(options.conmonPid);
}

/** Reads a log file incrementally, following it across truncation and replacement. */
class LogFileReader {
  private handle: FileHandle | undefined;
  private inode: number | undefined;
  private offset = 0;
  private leftover = '';
  private readonly assembler = new LogEntryAssembler();

  constructor(private readonly file: string) {}

  /** Every complete entry written since the last call. */
  async readAvailable(): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    await this.reopenIfReplaced(entries);
    if (this.handle) await this.drain(entries);
    return entries;
  }

  flushPending(): LogEntry[] {
    return this.assembler.flush();
  }

  /**
   * Moves the read position back from the end far enough for the last `entries` entries to be
   * read whole (an entry is a line's P pieces and its F). Older entries read besides are trimmed
   * by the caller. A piece of an unfinished line further back than that is not read.
   */
  async seekToTail(entries: number): Promise<void> {
    await this.reopenIfReplaced([]);
    if (!this.handle || this.offset !== 0) return;
    const { size } = await this.handle.stat();
    this.offset = await tailOffset(this.handle, size, entries);
    this.leftover = '';
  }

  private async reopenIfReplaced(entries: LogEntry[]): Promise<void> {
    let current;
    try {
      current = await stat(this.file);
    } catch {
      return; // not there (yet, or between a rename and conmon's reopen): keep what we have
    }
    if (this.handle && current.ino === this.inode && current.size >= this.offset) return;
    if (this.handle) {
      // Finish the old file (a rename keeps its data reachable through our descriptor), then switch.
      if (current.ino !== this.inode) await this.drain(entries);
      await this.handle.close();
      this.handle = undefined;
    }
    try {
      this.handle = await open(this.file, 'r');
    } catch {
      return;
    }
    this.inode = (await this.handle.stat()).ino;
    this.offset = 0;
    this.leftover = '';
  }

  private async drain(entries: LogEntry[]): Promise<void> {
    const buffer = Buffer.alloc(CHUNK);
    while (true) {
      const { bytesRead } = await this.handle!.read(buffer, 0, CHUNK, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      // Records are UTF-8 text lines; a multi-byte character split across reads is kept whole
      // because only complete lines (ending in \n) are decoded.
      const text = this.leftover + buffer.subarray(0, bytesRead).toString('latin1');
      const lines = text.split('\n');
      this.leftover = lines.pop() ?? '';
      for (const line of lines) {
        const record = parseLogRecord(Buffer.from(line, 'latin1').toString('utf8'));
        if (!record) continue;
        const entry = this.assembler.push(record);
        if (entry) entries.push(entry);
      }
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/**
 * The offset of the line from which the last `entries` entries (F records, each with the P pieces
 * of its stream before it) are all in the rest of the file. Reads backwards a chunk at a time:
 * until `entries` F records are in, then, for each stream whose earliest record in that window
 * may continue pieces before it, until that stream's previous record is an F. A stream's
 * trailing pieces (a line not finished yet) are taken in too.
 */
async function tailOffset(handle: FileHandle, size: number, entries: number): Promise<number> {
  let windowStart = size;
  let finals = 0;
  /** Streams whose earliest record in the window may continue pieces before it. */
  const open = new Set<string>();
  /** Streams whose record before the window is an F: nothing of theirs is cut. */
  const closed = new Set<string>();
  let position = size;
  // The bytes from `position` up to the first line break after it, not split into lines yet.
  let carry = '';
  let atEnd = true;
  const buffer = Buffer.alloc(CHUNK);
  while (position > 0) {
    const length = Math.min(CHUNK, position);
    position -= length;
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    const text = buffer.subarray(0, bytesRead).toString('latin1') + carry;
    const lines = text.split('\n');
    carry = lines.shift()!;
    // Where the last element ends, counting the line break after it (latin1: a char is a byte).
    let end = position + text.length + 1;
    if (atEnd && lines.length > 0) {
      // The file's unfinished last line (often ''): no record yet, the reader takes it as it comes.
      end -= lines.pop()!.length + 1;
      windowStart = end;
      atEnd = false;
    }
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!;
      const start = end - line.length - 1;
      end = start;
      // What the reader would take as a record (the text's encoding does not matter here).
      const record = parseLogRecord(line);
      if (!record) continue;
      const stream = record.stream;
      if (finals < entries) {
        windowStart = start;
        if (!record.partial) finals++;
        open.add(stream);
      } else if (record.partial) {
        if (closed.has(stream)) continue;
        windowStart = start;
        open.add(stream);
      } else {
        open.delete(stream);
        closed.add(stream);
      }
      if (finals >= entries && open.size === 0) return windowStart;
    }
  }
  // Back at the start of the file: read it all.
  return 0;
}

/** Waits for a change in the log's directory, a poll tick, or the abort signal. */
class ChangeWaiter {
  private watcher: FSWatcher | undefined;
  private wake: (() => void) | undefined;
  private changed = false;

  constructor(
    file: string,
    private readonly pollMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    try {
      // The directory, not the file: a replaced file would leave a file watch on the old inode.
      this.watcher = watch(path.dirname(file), () => this.fire());
      this.watcher.on('error', () => undefined);
    } catch {
      // polling alone
    }
    signal?.addEventListener('abort', this.fire, { once: true });
  }

  private readonly fire = () => {
    this.changed = true;
    const w = this.wake;
    this.wake = undefined;
    w?.();
  };

  async wait(): Promise<void> {
    if (this.changed || this.signal?.aborted) {
      this.changed = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, this.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.changed = false;
  }

  close(): void {
    this.watcher?.close();
    this.signal?.removeEventListener('abort', this.fire);
  }
}
