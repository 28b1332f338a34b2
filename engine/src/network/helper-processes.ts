// Finding and stopping the long-lived helpers a network namespace has (pasta, slirp4netns, the
// rootless port forwarder): they outlive the command that started them, so teardown, in another
// process, finds them by their command line (which names the namespace or the container) and
// checks the command name in /proc/PID/stat, so that a recycled PID is never killed.
import { readdirSync, readFileSync } from 'node:fs';
import { log } from '../util/logger.js';

const STOP_TIMEOUT_MS = 2000;

/**
 * Alive and its command name matches `comm`. A zombie holds nothing any more, but only once all
 * its threads are gone: a killed multi-threaded process (Node) shows its first thread as a zombie
 * while the others still exit, with its sockets still open.
 */
export function isLiveHelper(pid: number, comm: RegExp): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (!comm.test(name)) return false;
    return state !== 'Z' || readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return false;
  }
}

export interface ProcessEntry {
  pid: number;
  argv: string[];
}

/**
 * Every process's command line, read once: stopping a namespace's helpers (pasta, slirp4netns)
 * looks through the same list rather than reading /proc again for each kind.
 */
export function scanProcesses(): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.push({ pid: Number(entry), argv: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      // gone, or another user's
    }
  }
  return found;
}

/** PIDs of live processes named `comm` whose argv passes `matches`. */
export function findHelpers(
  comm: RegExp,
  matches: (argv: string[]) => boolean,
  processes: readonly ProcessEntry[] = scanProcesses(),
): number[] {
  return processes.filter((p) => matches(p.argv) && isLiveHelper(p.pid, comm)).map((p) => p.pid);
}

/**
 * Kills each helper and waits until it is gone: the namespace file cannot be unmounted, nor a
 * published port reused, while it still lives. None of them keeps state worth a graceful exit.
 */
export async function stopHelpers(pids: readonly number[], comm: RegExp): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      log.debug(`stopping helper ${pid}: ${(error as Error).message}`);
    }
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isLiveHelper(pid, comm) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  }
}
