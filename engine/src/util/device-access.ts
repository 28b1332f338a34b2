// What checks of a device node (/dev/net/tun for pasta and slirp4netns, /dev/fuse for
// fuse-overlayfs) ask of the host: whether this process may open it, and its permission bits for
// the message that says how to fix it. Tests pass a host of their own.
import { accessSync, statSync } from 'node:fs';

export interface DeviceHost {
  /** Throws when this process may not open `file` with `mode` (fs.constants.R_OK | W_OK...). */
  access(file: string, mode: number): void;
  /** The file's permission bits; undefined when it does not exist. */
  mode(file: string): number | undefined;
}

export const realDeviceHost: DeviceHost = {
  access: (file, mode) => accessSync(file, mode),
  mode: (file) => {
    try {
      return statSync(file).mode & 0o777;
    } catch {
      return undefined;
    }
  },
};
