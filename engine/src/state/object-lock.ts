// Cross-process locks on named objects ("container:<id>", "image:<name>"...), kept in the state
// database because Node has no flock(). A lock row names its holder by PID and the PID's start
// time, so a lock left by a process that died (SIGKILL in the middle of a command) is taken over
// instead of blocking forever.
import { readFileSync } from 'node:fs';
import type { Statement, Transaction } from 'better-sqlite3';
import type { StateDatabase } from './state-database.js';

export const LOCK_MIGRATION = {
  id: 'state-001-object-locks',
  sql: 'CREATE TABLE IF NOT EXISTS object_locks (name TEXT PRIMARY KEY, pid INTEGER NOT NULL, start_time TEXT NOT NULL, acquired_at INTEGER NOT NULL)',
};

/** The start time of a process (field 22 of /proc/<pid>/stat), or undefined when it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

const SELF_START = processStartTime(process.pid) ?? '0';

export class LockTimeoutError extends Error {
  readonly exitCode = 125;
}

function holderAlive(pid: number, startTime: string): boolean {
  return processStartTime(pid) === startTime;
}

interface LockStatements {
  attempt: Transaction<(name: string) => boolean>;
  release: Statement<[string, number, string]>;
}

/**
 * Prepared once per database: a command takes and releases several locks (its container's, the
 * netavark lock...), and compiling the same three statements each time cost ~0.2 ms a lock.
 */
const statementsByDb = new WeakMap<StateDatabase, LockStatements>();

function statements(db: StateDatabase): LockStatements {
  let found = statementsByDb.get(db);
  if (!found) {
    const holder = db.prepare<[string], { pid: number; start_time: string }>(
      'SELECT pid, start_time FROM object_locks WHERE name = ?',
    );
    const take = db.prepare<[string, number, string, number]>(
      'INSERT OR REPLACE INTO object_locks (name, pid, start_time, acquired_at) VALUES (?, ?, ?, ?)',
    );
    const release = db.prepare<[string, number, string]>(
      'DELETE FROM object_locks WHERE name = ? AND pid = ? AND start_time = ?',
    );
    const attempt = db.transaction((name: string) => {
      const row = holder.get(name);
      if (
        row &&
        !(row.pid === process.pid && row.start_time === SELF_START) &&
        holderAlive(row.pid, row.start_time)
      )
        return false;
      take.run(name, process.pid, SELF_START, Date.now());
      return true;
    });
    found = { attempt, release };
    statementsByDb.set(db, found);
  }
  return found;
}

/** Tries once; true when this process now holds the lock. Re-entrant for the same process. */
export function tryLock(db: StateDatabase, name: string): boolean {
  return statements(db).attempt.immediate(name);
}

export function unlock(db: StateDatabase, name: string): void {
  statements(db).release.run(name, process.pid, SELF_START);
}

/** Per name, the tail of this process's queue: the database row only excludes other processes. */
const localQueues = new Map<string, Promise<void>>();

/**
 * Runs `work` while holding the named lock, waiting up to `timeoutMs` for another holder. Within
 * one process (the desktop app runs many operations at once) callers queue in order. Locks on one
 * name must not nest: a nested call would wait for itself. (No AsyncLocalStorage to detect that:
 * entering one turns on Node's async hooks for the rest of the process, a cost on every promise.)
 */
export async function withLock<T>(
  db: StateDatabase,
  name: string,
  work: () => Promise<T> | T,
  timeoutMs = 60_000,
): Promise<T> {
  const previous = localQueues.get(name);
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = (previous ?? Promise.resolve()).then(() => mine);
  localQueues.set(name, tail);
  try {
    // With nobody of ours ahead and the lock free, `work` starts in this same turn: what it
    // launches (netavark in a teardown) starts before the caller's next synchronous steps (the
    // other child processes it spawns), not after them.
    if (previous !== undefined || !tryLock(db, name)) {
      await previous;
      const deadline = Date.now() + timeoutMs;
      let delay = 2;
      while (!tryLock(db, name)) {
        if (Date.now() > deadline)
          throw new LockTimeoutError(
            `timed out waiting for the lock on ${name}: another berth process holds it`,
          );
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 100);
      }
    }
    try {
      return await work();
    } finally {
      unlock(db, name);
    }
  } finally {
    release();
    if (localQueues.get(name) === tail) localQueues.delete(name);
  }
}
