// Exec instances of the Docker API live in the service's memory, as in dockerd: `exec create`
// records what to run, `exec start` runs it (container/container-exec.ts, its own conmon), and
// `exec inspect` reports its exit code afterwards. Finished instances are forgotten oldest first
// beyond a bound, so a busy service does not grow without limit.
import { randomBytes } from 'node:crypto';
import { ApiError } from './api-errors.js';

export interface ExecConfig {
  containerId: string;
  args: string[];
  env: string[];
  user?: string;
  workdir?: string;
  tty: boolean;
  privileged: boolean;
  attachStdin: boolean;
  attachStdout: boolean;
  attachStderr: boolean;
  detachKeys?: string;
}

export interface ExecInstance {
  id: string;
  config: ExecConfig;
  /** created → running → exited. */
  status: 'created' | 'running' | 'exited';
  pid: number;
  exitCode: number | null;
  /** The session's conmon control FIFO, for resizes, while it runs. */
  ctlFifo?: string;
}

const MAX_FINISHED = 256;

export class ExecSessions {
  private readonly instances = new Map<string, ExecInstance>();

  create(config: ExecConfig): ExecInstance {
    const instance: ExecInstance = {
      id: randomBytes(32).toString('hex'),
      config,
      status: 'created',
      pid: 0,
      exitCode: null,
    };
    this.instances.set(instance.id, instance);
    this.evict();
    return instance;
  }

  require(id: string): ExecInstance {
    const instance = this.instances.get(id);
    if (!instance)
      throw new ApiError(404, `No such exec instance: ${id}: create it with POST /containers/{id}/exec`);
    return instance;
  }

  private evict(): void {
    const finished = [...this.instances.values()].filter((i) => i.status === 'exited');
    for (const old of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED)))
      this.instances.delete(old.id);
  }
}
