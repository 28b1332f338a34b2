// Volume names as podman accepts them, and the random names of anonymous volumes (64 hex digits,
// like an ID, so they never collide with a name a user would pick).
import { randomBytes } from 'node:crypto';
import { VolumeInvalidError } from './volume-errors.js';

export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Throws VolumeInvalidError unless the name is podman-valid (it also becomes a directory name). */
export function validateVolumeName(name: string): void {
  if (!VOLUME_NAME_PATTERN.test(name))
    throw new VolumeInvalidError(
      `invalid volume name ${JSON.stringify(name)}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`,
    );
}

export function anonymousVolumeName(): string {
  return randomBytes(32).toString('hex');
}
