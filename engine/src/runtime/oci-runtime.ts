// runc/crun commands on containers that conmon created. Every command gets the same `--root`
// (a Berth-owned state directory under the store's runRoot) that conmon passed at create time;
// without it runc would look in /run/runc and not find our containers.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { OciRuntimeChoice } from './oci-runtime-select.js';
import { ContainerNotInRuntimeError, OciRuntimeError, extractRuntimeMessage } from './runtime-error.js';
import { runQuiet, type QuietRunError } from '../util/run-quiet.js';

/** What `runc state` prints. */
export interface OciRuntimeState {
  ociVersion: string;
  id: string;
  /** creating | created | running | paused | stopped */
  status: string;
  pid: number;
  bundle: string;
  rootfs?: string;
  created?: string;
  annotations?: Record<string, string>;
}

export interface OciRuntime {
  readonly name: string;
  readonly path: string;
  /** The runtime's state directory (`--root`). */
  readonly root: string;
  start(id: string): Promise<void>;
  /** Sends a signal (name like "TERM"/"SIGKILL" or number); `all` signals every process of the container. */
  kill(id: string, signal?: string | number, options?: { all?: boolean }): Promise<void>;
  /** Removes the runtime's record; `force` kills a running container first. Missing containers are not an error. */
  delete(id: string, options?: { force?: boolean }): Promise<void>;
  /** The runtime's view of the container, or undefined when it has no record of it. */
  state(id: string): Promise<OciRuntimeState | undefined>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
}

/** runc state directory for a store: `<runRoot>/runc` (or `/crun`), like podman's per-runtime dirs. */
export function runtimeStateDir(runRoot: string, runtimeName: string): string {
  return `${runRoot}/${runtimeName}`;
}

export function ociRuntime(choice: OciRuntimeChoice, root: string): OciRuntime {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const run = (args: string[], what: string, id: string) => runRuntime(choice, root, args, what, id, false);
  return {
    name: choice.name,
    path: choice.path,
    root,
    start: async (id) => {
      await run(['start', id], 'start', id);
    },
    kill: async (id, signal = 'TERM', options = {}) => {
      await run(['kill', ...(options.all ? ['--all'] : []), id, String(signal)], 'kill', id);
    },
    delete: async (id, options = {}) => {
      // No state directory, no record (runc and crun both keep <root>/<id>): a container already
      // deleted at stop costs no runtime process when it is removed.
      if (!existsSync(`${root}/${id}`)) return;
      try {
        await run(['delete', ...(options.force ? ['--force'] : []), id], 'delete', id);
      } catch (error) {
        if (!(error instanceof ContainerNotInRuntimeError)) throw error;
      }
    },
    state: async (id) => {
      try {
        const stdout = await runRuntime(choice, root, ['state', id], 'state', id, true);
        return JSON.parse(stdout) as OciRuntimeState;
      } catch (error) {
        if (error instanceof ContainerNotInRuntimeError) return undefined;
        throw error;
      }
    },
    pause: async (id) => {
      await run(['pause', id], 'pause', id);
    },
    resume: async (id) => {
      await run(['resume', id], 'resume', id);
    },
  };
}

/**
 * Runs the runtime; its standard output is read only when `output` asks for it (`state`): start,
 * delete, kill... print nothing worth a pipe (util/run-quiet.ts says why that matters).
 */
function runRuntime(
  choice: OciRuntimeChoice,
  root: string,
  args: string[],
  what: string,
  id: string,
  output: boolean,
): Promise<string> {
  const argv = ['--root', root, ...args];
  const fail = (stderr: string, fallback: string): Error => {
    const message = extractRuntimeMessage(stderr) || fallback;
    const text = `${choice.name} ${what} ${id} failed: ${message}`;
    // runc: "container does not exist"; crun: "container `x` does not exist" / "No such file or directory".
    if (/does not exist|not found|no such file or directory/i.test(message) && !/exec/.test(message))
      return new ContainerNotInRuntimeError(
        `${text}: the runtime has no record of it (already removed?)`,
        message,
        stderr,
      );
    return new OciRuntimeError(text, message, stderr);
  };
  if (!output)
    return runQuiet(choice.path, argv).then(
      () => '',
      (error: QuietRunError) => Promise.reject(fail(error.stderr, error.message)),
    );
  return new Promise((resolve, reject) => {
    execFile(choice.path, argv, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(fail(stderr, error.message)) : resolve(stdout),
    );
  });
}
