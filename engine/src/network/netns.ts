// Network namespaces made by the engine, as podman makes them: a new namespace kept alive by
// bind-mounting its nsfs file on an empty file (here under `<runRoot>/netns`), so that it outlives
// the process that made it and netavark and runc can both open it by path. util-linux's
// `unshare --net=FILE true` does exactly that in one short process; `umount` undoes it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { findExecutable } from '../util/find-executable.js';
import { runQuiet } from '../util/run-quiet.js';
import { NetworkError } from './network-errors.js';

function tool(name: string): string {
  const found = findExecutable(name);
  if (!found) throw new NetworkError(`${name} is needed to manage network namespaces: install util-linux`);
  return found;
}

export function isMountPoint(file: string): boolean {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .some((line) => line.split(' ')[4] === file);
  } catch {
    return false;
  }
}

/** Makes a new network namespace bound at `file` (replacing whatever an interrupted run left there). */
export async function createNetns(file: string): Promise<void> {
  // The folder and the empty file synchronously: they are quick, and the namespace is on a
  // container start's critical path, which runs alongside the rootfs mount; through the thread
  // pool each would wait for a free turn of the event loop (unshare started ~15 ms later).
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (isMountPoint(file)) await removeNetns(file);
  writeFileSync(file, '', { mode: 0o600 });
  try {
    await runQuiet(tool('unshare'), [`--net=${file}`, 'true']);
  } catch (error) {
    await rm(file, { force: true });
    throw new NetworkError(
      `creating the network namespace ${file}: ${(error as Error).message}: is this run as root?`,
    );
  }
}

/**
 * Unmounts and deletes a namespace file; nothing to do when it is already gone. `detach`: a lazy
 * unmount, for a namespace something still holds open (it lives on until that is closed).
 */
export async function removeNetns(file: string, options: { detach?: boolean } = {}): Promise<void> {
  if (isMountPoint(file)) {
    try {
      await runQuiet(tool('umount'), options.detach ? ['--lazy', file] : [file]);
    } catch (error) {
      if (isMountPoint(file))
        throw new NetworkError(`unmounting the network namespace ${file}: ${(error as Error).message}`);
    }
  }
  await rm(file, { force: true });
}
