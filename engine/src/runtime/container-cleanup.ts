// Tears down what the runtime layer made for a container: the runc record (killing what still
// runs) and the conmon monitor. Safe to call repeatedly and on half-made containers, so that
// `rm -f`, failed creates and test clean-up all go through one path.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ContainerRuntimePaths } from './container-runtime-paths.js';
import type { OciRuntime } from './oci-runtime.js';
import { isProcessAlive, waitForProcessGone } from './process-status.js';

function conmonPidOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `runc delete --force` (kills the container's processes), then waits up to `graceMs` for conmon
 * to notice and exit, and SIGKILLs it if it does not. Removes the run dir (/etc files) too.
 */
export async function cleanupContainerRuntime(
  id: string,
  paths: Pick<ContainerRuntimePaths, 'conmonPidFile' | 'runDir'>,
  runtime: OciRuntime,
  options: {
    graceMs?: number;
    /**
     * The container has exited and its exit file is written: conmon is finishing on its own
     * (and may be waiting for the exit command that is calling us). Do not kill it; wait for it
     * (up to `graceMs`) only when `awaitExitingMonitor`.
     */
    monitorExiting?: boolean;
    /**
     * With `monitorExiting`: the exit command ends at once (this process owns the cleanup), so
     * conmon is gone in moments; wait for that before the run dir goes, so that nothing of the
     * container outlives the command (and the exit command still finds the owner file).
     */
    awaitExitingMonitor?: boolean;
  } = {},
): Promise<void> {
  const errors: string[] = [];
  await runtime.delete(id, { force: true }).catch((error: Error) => errors.push(error.message));
  const conmonPid = conmonPidOf(paths.conmonPidFile);
  // An exiting monitor is waited for only when asked, and never killed.
  if (conmonPid !== undefined && (!options.monitorExiting || options.awaitExitingMonitor)) {
    const gone = await waitForProcessGone(conmonPid, options.graceMs ?? 2000);
    if (!gone && !options.monitorExiting) {
      try {
        process.kill(conmonPid, 'SIGKILL');
      } catch (error) {
        errors.push(`killing conmon ${conmonPid}: ${(error as Error).message}`);
      }
    }
  }
  await rm(paths.runDir, { recursive: true, force: true });
  if (errors.length > 0) throw new Error(`cleaning up container ${id}: ${errors.join('; ')}`);
}

/**
 * Kills a container's conmon at once (when it is still that container's conmon: the PID is
 * checked against its command line), before the container itself is killed or deleted. A dead
 * monitor writes no exit file and runs no exit command: used when the container is being removed
 * or re-created, where a late exit file or cleanup from the old monitor would be mistaken for the
 * new run's.
 */
export async function stopMonitorNow(id: string, conmonPidFile: string): Promise<void> {
  const pid = conmonPidOf(conmonPidFile);
  if (pid === undefined || !isProcessAlive(pid)) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.split('\0').includes(id)) return; // the PID now belongs to another process
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForProcessGone(pid, 2000);
}
