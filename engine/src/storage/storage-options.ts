// Storage driver options given with the global `--storage-opt` (podman's spelling, as in
// storage.conf's [storage.options.overlay]). Set once per process by the CLI; the container
// exit command passes them on, so that the cleanup (and a restart it makes) mounts the same way.
import { isAbsolute } from 'node:path';

export class StorageOptionError extends Error {
  readonly exitCode = 125;
}

export interface StorageOptions {
  /** overlay.mount_program: a FUSE overlay program (fuse-overlayfs) used instead of kernel overlay. */
  mountProgram?: string;
}

const SUPPORTED = ['overlay.mount_program'];

export function parseStorageOptions(given: readonly string[]): StorageOptions {
  const options: StorageOptions = {};
  for (const entry of given) {
    const at = entry.indexOf('=');
    const key = entry
      .slice(0, at)
      .trim()
      .replace(/^overlay2\./, 'overlay.');
    const value = entry.slice(at + 1).trim();
    if (at <= 0 || !SUPPORTED.includes(key))
      throw new StorageOptionError(
        `unsupported --storage-opt "${entry}": Berth supports ${SUPPORTED.map((k) => `${k}=VALUE`).join(', ')}`,
      );
    if (!isAbsolute(value))
      throw new StorageOptionError(
        `invalid --storage-opt "${entry}": give the program's absolute path, e.g. overlay.mount_program=/usr/bin/fuse-overlayfs`,
      );
    options.mountProgram = value;
  }
  return options;
}

let current: { given: string[]; parsed: StorageOptions } = { given: [], parsed: {} };

export function setStorageOptions(given: readonly string[]): void {
  current = { given: [...given], parsed: parseStorageOptions(given) };
}

export function storageOptions(): StorageOptions {
  return current.parsed;
}

/** The `--storage-opt` flags of this process, for a berth command it starts. */
export function storageOptionArgs(): string[] {
  return current.given.flatMap((entry) => ['--storage-opt', entry]);
}
