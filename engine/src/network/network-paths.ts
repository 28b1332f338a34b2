// Where networking keeps run-time files: netns bind mounts under `<runRoot>/netns` (podman uses
// /run/netns) and netavark's state directory (aardvark-dns config and PID) under
// `<runRoot>/networks`, which podman calls `/run/containers/networks`. A reboot clears both, as
// it clears every namespace and bridge they describe.
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';

export function netnsDir(paths: Pick<StorePaths, 'runRoot'>): string {
  return path.join(paths.runRoot, 'netns');
}

export function netnsPath(paths: Pick<StorePaths, 'runRoot'>, containerId: string): string {
  return path.join(netnsDir(paths), `netns-${containerId}`);
}

export function netavarkConfigDir(paths: Pick<StorePaths, 'runRoot'>): string {
  return path.join(paths.runRoot, 'networks');
}

export function networkLockName(name: string): string {
  return `network:${name}`;
}

/** One lock for address and host-port allocation in a store (held for one short transaction). */
export const ALLOCATION_LOCK = 'network:allocation';
