// A container's live status, worked out by any process from what conmon and runc leave on disk:
// the exit file (final), conmon's liveness, and `runc state`. No daemon keeps this in memory.
import { readFile } from 'node:fs/promises';
import type { ContainerRuntimePaths } from './container-runtime-paths.js';
import { readExitFile } from './exit-file.js';
import type { OciRuntime } from './oci-runtime.js';
import { isProcessAlive } from './process-status.js';

export type RuntimeStatus = 'created' | 'running' | 'paused' | 'exited' | 'stopped' | 'unknown';

export interface ContainerRuntimeStatus {
  status: RuntimeStatus;
  exitCode?: number;
  finishedAt?: Date;
  /** The container's init PID while it runs. */
  pid?: number;
  conmonPid?: number;
  conmonAlive: boolean;
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * - exit file present → `exited` with its code (conmon writes it once, after the container ended);
 * - conmon alive → the runtime's status (created, running, paused);
 * - conmon gone without an exit file → `stopped`, exit code unknown (conmon was killed, or the
 *   container was never started: the caller's own record tells those apart).
 */
export async function readContainerRuntimeStatus(
  id: string,
  paths: Pick<ContainerRuntimePaths, 'exitFile' | 'conmonPidFile'>,
  runtime: OciRuntime,
): Promise<ContainerRuntimeStatus> {
  const exit = readExitFile(paths.exitFile);
  const conmonPid = await readPid(paths.conmonPidFile);
  const conmonAlive = conmonPid !== undefined && isProcessAlive(conmonPid);
  if (exit)
    return { status: 'exited', exitCode: exit.exitCode, finishedAt: exit.finishedAt, conmonPid, conmonAlive };
  if (!conmonAlive)
    return { status: conmonPid === undefined ? 'unknown' : 'stopped', conmonPid, conmonAlive };
  const state = await runtime.state(id);
  if (!state) return { status: 'unknown', conmonPid, conmonAlive };
  const status: RuntimeStatus =
    state.status === 'running' || state.status === 'paused' || state.status === 'created'
      ? state.status
      : state.status === 'stopped'
        ? 'stopped'
        : 'unknown';
  // A stopped runc state with conmon still alive: conmon is about to write the exit file.
  return { status, pid: state.pid > 0 ? state.pid : undefined, conmonPid, conmonAlive };
}
