// fuse-overlayfs, podman's overlay for user namespaces where the kernel refuses overlayfs
// (kernels before 5.11) or when asked for with `--storage-opt overlay.mount_program=PATH`. It
// reads the same layers as kernel overlay in a user namespace: 0:0 character-device whiteouts and
// `user.overlay.opaque` markers. It daemonizes once the mount is up; `umount` ends it.
import { execFile } from 'node:child_process';
import { constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { realDeviceHost, type DeviceHost } from '../util/device-access.js';
import { findExecutable } from '../util/find-executable.js';
import { OverlayMountError, type OverlayMountRequest } from './overlay-mount.js';

const FUSE_DEVICE = '/dev/fuse';

/** fuse-overlayfs talks to the kernel through /dev/fuse: say what to do when it cannot. */
export function checkFuseDevice(host: DeviceHost = realDeviceHost): void {
  try {
    host.access(FUSE_DEVICE, constants.R_OK | constants.W_OK);
  } catch (error) {
    const mode = host.mode(FUSE_DEVICE);
    const shown = mode === undefined ? '' : ` (mode ${mode.toString(8).padStart(4, '0')})`;
    throw new OverlayMountError(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${FUSE_DEVICE} does not exist: fuse-overlayfs needs it: load the fuse module (modprobe fuse), or use a kernel (5.11 or later) that mounts overlay in a user namespace`
        : `${FUSE_DEVICE} is not readable and writable by this user${shown}: fuse-overlayfs needs it: ask an administrator to run \`chmod 0666 ${FUSE_DEVICE}\` (the Debian default)`,
    );
  }
}

/** The program to run: the one given, or fuse-overlayfs from PATH; the error names the package. */
export function fuseOverlayProgram(given?: string): string {
  const found = findExecutable(given ?? 'fuse-overlayfs');
  if (!found)
    throw new OverlayMountError(
      given
        ? `the overlay mount program ${given} (--storage-opt overlay.mount_program) is not an executable file: install fuse-overlayfs (apt-get install fuse-overlayfs) or fix the path`
        : 'fuse-overlayfs was not found: it is needed where the kernel refuses overlay in a user namespace: install it (apt-get install fuse-overlayfs)',
    );
  return found;
}

/** fuse-overlayfs's options: absolute paths (no page limit applies to a FUSE program's argv). */
export function fuseOverlayOptions(request: OverlayMountRequest): string {
  const parts = [`lowerdir=${request.lowerDirs.map((d) => path.resolve(d)).join(':')}`];
  if (request.upperDir)
    parts.push(`upperdir=${path.resolve(request.upperDir)}`, `workdir=${path.resolve(request.workDir!)}`);
  return parts.join(',');
}

export async function mountFuseOverlayfs(request: OverlayMountRequest, program: string): Promise<void> {
  checkFuseDevice();
  for (const dir of [request.upperDir, request.workDir, request.target])
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o755 });
  await new Promise<void>((resolve, reject) => {
    execFile(
      program,
      ['-o', fuseOverlayOptions(request), path.resolve(request.target)],
      { encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (error)
          reject(
            new OverlayMountError(
              `mounting fuse-overlayfs (${program}) at ${request.target} failed: ${stderr.trim() || error.message}`,
            ),
          );
        else resolve();
      },
    );
  });
}
