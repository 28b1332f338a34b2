// Where a volume's data lives, as podman lays it out: `<graphRoot>/volumes/<name>/_data`. A volume
// being removed is first renamed to `.removing-<name>-<random>` (a name no volume can have), so a
// removal interrupted half-way never leaves old data under a name a new volume could take.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';

export function volumeDir(paths: Pick<StorePaths, 'volumePath'>, name: string): string {
  return path.join(paths.volumePath, name);
}

export function volumeDataDir(paths: Pick<StorePaths, 'volumePath'>, name: string): string {
  return path.join(paths.volumePath, name, '_data');
}

export const REMOVING_PREFIX = '.removing-';

export function removingDir(paths: Pick<StorePaths, 'volumePath'>, name: string): string {
  return path.join(paths.volumePath, `${REMOVING_PREFIX}${name}-${randomBytes(4).toString('hex')}`);
}

export function volumeLockName(name: string): string {
  return `volume:${name}`;
}
