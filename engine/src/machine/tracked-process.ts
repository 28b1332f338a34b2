// Processes a machine leaves running (QEMU, the ssh forwarder) are recorded by PID and start time:
// alive means the same process is still there, so a crashed QEMU is reported stopped even if its
// PID was reused.
import { processStartTime } from '../state/object-lock.js';
import type { TrackedProcess } from './machine-config.js';

export function trackProcess(pid: number): TrackedProcess | undefined {
  const startTime = processStartTime(pid);
  return startTime === undefined ? undefined : { pid, startTime };
}

export function isAlive(process: TrackedProcess | undefined): boolean {
  return process !== undefined && processStartTime(process.pid) === process.startTime;
}

export async function waitForExit(tracked: TrackedProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(tracked)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Sends a signal if the tracked process is still ours; quiet when it is already gone. */
export function signalTracked(tracked: TrackedProcess | undefined, signal: NodeJS.Signals): void {
  if (!tracked || !isAlive(tracked)) return;
  try {
    process.kill(tracked.pid, signal);
  } catch {
    // exited between the check and the signal
  }
}
