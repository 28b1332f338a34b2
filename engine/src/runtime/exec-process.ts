// The OCI `process` of an exec session: the container's own process (capabilities, rlimits,
// seccomp-relevant flags) with the session's command, and the user's env/user/workdir/terminal
// on top, as `podman exec` does.
import { ociCapabilities } from './capabilities.js';
import { mergeEnv } from './command-merge.js';
import type { OciProcess } from './oci-spec-types.js';
import { resolveUser } from './user-resolve.js';

export interface ExecRequest {
  args: string[];
  /** `NAME=value` entries over the container's env. */
  env?: string[];
  /** Resolved in the container's rootfs like `--user` at create; defaults to the container's user. */
  user?: string;
  workdir?: string;
  terminal?: boolean;
  /** All capabilities for this process only (`exec --privileged`). */
  privileged?: boolean;
}

export function execProcessSpec(
  containerProcess: OciProcess,
  rootfs: string,
  request: ExecRequest,
): OciProcess {
  if (request.args.length === 0 || request.args[0] === '') {
    throw new Error('exec needs a command: give the program to run after the container name');
  }
  const process: OciProcess = {
    ...containerProcess,
    args: [...request.args],
    env: mergeEnv(containerProcess.env, request.env),
    cwd: request.workdir || containerProcess.cwd,
    terminal: request.terminal ?? false,
  };
  if (request.user !== undefined) {
    const user = resolveUser(rootfs, request.user);
    process.user = {
      uid: user.uid,
      gid: user.gid,
      umask: containerProcess.user.umask,
      ...(user.additionalGids.length > 0 ? { additionalGids: user.additionalGids } : {}),
    };
  }
  if (request.privileged) process.capabilities = ociCapabilities({ privileged: true });
  // A terminal's size comes from the attach client (ctl fifo), not from the container's process.
  delete process.consoleSize;
  return process;
}
