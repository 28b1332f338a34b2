// conmon writes `<exit-dir>/<id>` (temp file, then rename) with the container's exit code in
// decimal, no newline, 128+signal for a signal, then exits. Any later process reads the outcome
// from that file: nothing but conmon needs to stay running while a container runs.
import { readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './process-status.js';

export interface ExitRecord {
  exitCode: number;
  /** When conmon wrote the file: the container's finish time. */
  finishedAt: Date;
}

export function exitFilePath(exitDir: string, id: string): string {
  return path.join(exitDir, id);
}

/**
 * The exit record, or undefined while the container has not exited (or never started). Read
 * synchronously: a few bytes, read on the way from a container's exit to its clean-up, and for
 * every running container a `ps` lists (through the thread pool each read waited for turns of
 * the event loop).
 */
export function readExitFile(file: string): ExitRecord | undefined {
  let text: string;
  let mtime: Date;
  try {
    text = readFileSync(file, 'utf8');
    ({ mtime } = statSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const exitCode = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(exitCode))
    throw new Error(`exit file ${file} holds "${text}", not an exit code: remove it and check conmon`);
  return { exitCode, finishedAt: mtime };
}

export class MonitorGoneError extends Error {
  readonly exitCode = 125;
}

export interface WaitForExitOptions {
  signal?: AbortSignal;
  /**
   * conmon's PID: when it is gone and no exit file appeared, the container's fate is unknown
   * (conmon was killed); stop waiting instead of hanging forever.
   */
  conmonPid?: number;
  /** Poll interval backing up the directory watch (inotify misses nothing locally, but NFS...). */
  pollMs?: number;
}

/** Resolves with the exit record as soon as conmon writes it. */
export async function waitForExitFile(file: string, options: WaitForExitOptions = {}): Promise<ExitRecord> {
  const first = readExitFile(file);
  if (first) return first;
  const { signal, conmonPid, pollMs = 100 } = options;
  signal?.throwIfAborted();
  return new Promise<ExitRecord>((resolve, reject) => {
    let watcher: FSWatcher | undefined;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      watcher?.close();
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(signal!.reason));
    const check = () => {
      if (settled) return;
      try {
        const record = readExitFile(file);
        if (record) return finish(() => resolve(record));
        if (conmonPid !== undefined && !isProcessAlive(conmonPid)) {
          // conmon writes the file before it exits: read once more to close the race.
          const late = readExitFile(file);
          if (late) return finish(() => resolve(late));
          finish(() =>
            reject(
              new MonitorGoneError(
                `conmon (pid ${conmonPid}) is gone and left no exit file at ${file}: the exit code is unknown`,
              ),
            ),
          );
        }
      } catch (error) {
        finish(() => reject(error));
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      watcher = watch(path.dirname(file), { persistent: true }, (_event, name) => {
        if (name === null || name === path.basename(file)) check();
      });
      watcher.on('error', () => undefined); // the poll below still works
    } catch {
      // directory missing or not watchable: polling alone
    }
    const timer = setInterval(check, pollMs);
    check();
  });
}
