// The command conmon runs after a container exits: `berth container cleanup ID` on the same
// store. It folds the exit into the record, unmounts the rootfs, removes --rm containers and
// applies restart policies: the work a daemon would do, done by a short-lived process instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorePaths } from '../config/store-paths.js';
import { storageOptionArgs } from '../storage/storage-options.js';

let cliPath: string | undefined;

/**
 * bin/berth.js of this installation, found by walking up from this module (source, the CLI
 * bundle and the Electron bundle sit at different depths). BERTH_CLI overrides it (packaged apps).
 */
export function berthCliPath(): string {
  if (process.env.BERTH_CLI) return process.env.BERTH_CLI;
  if (cliPath) return cliPath;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'bin', 'berth.js');
    if (existsSync(candidate) && isBerthPackage(path.join(dir, 'package.json'))) return (cliPath = candidate);
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(
        'cannot find bin/berth.js for the container exit command: set BERTH_CLI to the berth command',
      );
    dir = parent;
  }
}

function isBerthPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'berth';
  } catch {
    return false;
  }
}

/**
 * A process that cleans its container up itself once it exits (a foreground `run`, a `stop`)
 * records its PID here so that the exit command can skip starting a Node process for the same
 * work. Any other case (no owner, the owner detached or was killed) runs the cleanup as usual.
 */
export function cleanupOwnerFile(runDir: string): string {
  return path.join(runDir, 'cleanup-owner');
}

/**
 * Makes this process the owner of the container's cleanup (see cleanupOwnerFile). Without its run
 * dir (already cleaned up) there is nothing to claim: the exit command then runs as usual.
 */
export function claimCleanup(runDir: string): void {
  try {
    writeFileSync(cleanupOwnerFile(runDir), String(process.pid));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Whether this process owns the cleanup: the exit command then ends at once. */
export function ownsCleanup(runDir: string): boolean {
  try {
    return readFileSync(cleanupOwnerFile(runDir), 'utf8').trim() === String(process.pid);
  } catch {
    return false;
  }
}

// Runs as `sh -c SCRIPT berth-exit OWNER-FILE COMMAND...`: exits at once while the owner lives.
// Shell builtins only (the file is read with `read`, which also takes a last line without a
// newline): conmon waits for its exit command, and a `$(cat ...)` was one more process to start.
const OWNER_CHECK =
  'o=$1; shift; p=; [ -s "$o" ] && read -r p < "$o"; if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then exit 0; fi; exec "$@"';

export function containerExitCommand(
  store: Pick<StorePaths, 'graphRoot' | 'runRoot'>,
  id: string,
  runDir: string,
): string[] {
  // Electron's binary behaves as Node with ELECTRON_RUN_AS_NODE; conmon passes its environment on.
  const cleanup = [
    process.execPath,
    berthCliPath(),
    '--root',
    store.graphRoot,
    '--runroot',
    store.runRoot,
    // The same overlay mount program, should the cleanup restart the container.
    ...storageOptionArgs(),
    'container',
    'cleanup',
    id,
  ];
  return ['/bin/sh', '-c', OWNER_CHECK, 'berth-exit', cleanupOwnerFile(runDir), ...cleanup];
}
