// Where Berth keeps its data. Root and rootless differ as podman's do (XDG for users), but the
// folders are Berth's own: our on-disk format is not containers/storage's, so we never share it.
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostUid, inRootlessNamespace } from '../rootless/rootless-env.js';

export interface StorePaths {
  /** Persistent data: images, layers, containers, volumes, the state database. */
  graphRoot: string;
  /** Run-time state that a reboot clears: mounts, conmon sockets, exit files, locks. */
  runRoot: string;
  /** Named volumes live under here. */
  volumePath: string;
  /** The SQLite state database. */
  databasePath: string;
  rootless: boolean;
}

export function isRootless(): boolean {
  // Inside Berth's rootless user namespace the uid is 0, yet the store is the user's (rootless-env.ts).
  return (typeof process.getuid === 'function' && process.getuid() !== 0) || inRootlessNamespace();
}

/**
 * A rootless user's runtime dir: $XDG_RUNTIME_DIR, or (as podman does when it is unset, e.g. under
 * su or in a cron job) a private /tmp/berth-<uid>, made 0700 so that no other user can plant files.
 */
export function rootlessRuntimeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_RUNTIME_DIR) return env.XDG_RUNTIME_DIR;
  const dir = path.join(os.tmpdir(), `berth-${hostUid()}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Inside the user namespace the user's own files show as uid 0, so getuid() fits both sides.
  const stat = statSync(dir);
  if (stat.uid !== process.getuid!() || (stat.mode & 0o077) !== 0)
    throw new Error(
      `${dir} is not a private directory of this user (owner ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}): set XDG_RUNTIME_DIR to a directory of your own`,
    );
  return dir;
}

export function defaultGraphRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (!isRootless()) return '/var/lib/berth';
  const dataHome = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(dataHome, 'berth');
}

export function defaultRunRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (!isRootless()) return '/run/berth';
  return path.join(rootlessRuntimeDir(env), 'berth');
}

export function resolveStorePaths(options: { root?: string; runroot?: string } = {}): StorePaths {
  const graphRoot = path.resolve(options.root || defaultGraphRoot());
  const runRoot = path.resolve(options.runroot || defaultRunRoot());
  return {
    graphRoot,
    runRoot,
    volumePath: path.join(graphRoot, 'volumes'),
    databasePath: path.join(graphRoot, 'berth.db'),
    rootless: isRootless(),
  };
}
