// A container's life as the state database records it. The database is the truth for every
// status a Berth process sets itself; while a container runs, conmon owns it and its exit shows up
// as an exit file, which any process folds back into the record (see container-sync.ts).

/**
 * podman's statuses: created (recorded, nothing in the runtime yet), initialized (runc created,
 * not started), running, paused, stopping, exited, removing.
 */
export type ContainerStatus =
  'created' | 'initialized' | 'running' | 'paused' | 'stopping' | 'exited' | 'removing';

export interface ContainerState {
  status: ContainerStatus;
  /** Container init PID while it runs, else 0. */
  pid: number;
  conmonPid: number;
  exitCode: number;
  /** ISO times; '' when it never happened. */
  startedAt: string;
  finishedAt: string;
  restartCount: number;
  /** The last stop came from a user (stop/kill/rm): restart policies do not apply to it. */
  stoppedByUser: boolean;
  /** The runtime's error on the last failed start, shown by inspect (State.Error). */
  error: string;
  /** Host path of the mounted root filesystem, '' when not mounted. */
  mountPoint: string;
}

export const ACTIVE_STATUSES: ReadonlySet<ContainerStatus> = new Set(['running', 'paused', 'stopping']);

export function initialState(): ContainerState {
  return {
    status: 'created',
    pid: 0,
    conmonPid: 0,
    exitCode: 0,
    startedAt: '',
    finishedAt: '',
    restartCount: 0,
    stoppedByUser: false,
    error: '',
    mountPoint: '',
  };
}
