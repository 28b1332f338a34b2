// Is a process (conmon, a container's init) still alive? `kill(pid, 0)` is not enough: a dead
// conmon stays a zombie until init reaps it, which can take seconds, and kill() still succeeds on
// a zombie. /proc/<pid>/stat tells the state (Z = zombie, X = dead) and the start time, which
// guards against the PID being reused by an unrelated process.
import { readFileSync } from 'node:fs';

export interface ProcessStat {
  /** R, S, D, T, Z, X... */
  state: string;
  /** Clock ticks after boot (field 22), unique per PID incarnation. */
  startTime: string;
  parentPid: number;
}

export function readProcessStat(pid: number): ProcessStat | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '?', parentPid: Number(fields[1]), startTime: fields[19] ?? '' };
}

/** True when `pid` runs (not a zombie) and, if given, is the incarnation that started at `startTime`. */
export function isProcessAlive(pid: number, startTime?: string): boolean {
  const stat = readProcessStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || stat.startTime === startTime;
}

/**
 * Waits up to `ms` for `pid` to be gone (exited or a zombie); true when it is. Checks after 1, 2,
 * 3, 4 then every 5 ms: a process just sent SIGKILL is usually gone within a millisecond, and
 * callers (removal, restart) wait for that on their way.
 */
export async function waitForProcessGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let attempt = 1; isProcessAlive(pid); attempt++) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5)));
  }
  return true;
}
