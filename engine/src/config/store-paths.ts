// Where Berth keeps its data. Root and rootless differ as podman's do (XDG for users), but the
// folders are Berth's own: our on-disk format is not containers/storage's, so we never share it.
import os from 'node:os';
import path from 'node:path';

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
  return typeof process.getuid === 'function' && process.getuid() !== 0;
}

export function defaultGraphRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (!isRootless()) return '/var/lib/berth';
  const dataHome = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(dataHome, 'berth');
}

export function defaultRunRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (!isRootless()) return '/run/berth';
  const runtimeDir = env.XDG_RUNTIME_DIR || path.join(os.tmpdir(), `berth-run-${process.getuid!()}`);
  return path.join(runtimeDir, 'berth');
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
