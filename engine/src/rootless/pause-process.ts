// The rootless "pause process", as podman keeps one: a long-lived `catatonit -P` that owns Berth's
// user namespace (mapped from /etc/subuid and /etc/subgid by newuidmap/newgidmap) and a private
// mount namespace. Every rootless command joins these two namespaces (rootless-reexec.ts), so
// overlay mounts, network namespace bind mounts and conmon/runc all live in one place that
// outlives any single command, the same way rootful mounts live in the host's namespace.
//
// Why util-linux's unshare: it creates the namespaces, has newuidmap/newgidmap write the maps from
// a helper child while it waits, and only then execs catatonit, so once the PID shows our map the
// namespace is ready. One PID file per user (in the user's runtime dir, as podman's pause.pid)
// means every store of that user shares the namespace; a lock directory keeps two commands that
// start at once from making two.
import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { requireRootlessTools } from './host-requirements.js';
import { rootlessIdMappings } from './id-mappings.js';
import { RootlessSetupError } from './rootless-errors.js';

export interface PauseProcessOptions {
  /** The user's runtime dir (…/berth): holds pause.pid, pause.log and the start lock. */
  stateDir: string;
  uid: number;
  gid: number;
}

const START_TIMEOUT_MS = 5000;
const STALE_LOCK_MS = 10_000;

/** The pause process's PID when it is alive and holds a namespace mapping 0 to `uid`. */
export function livePausePid(stateDir: string, uid: number): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(stateDir, 'pause.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && holdsOurNamespace(pid, uid) ? pid : undefined;
}

function holdsOurNamespace(pid: number, uid: number): boolean {
  try {
    // A recycled PID would fail one of these: the command name, or the map of its user namespace.
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'catatonit') return false;
    const first = readFileSync(`/proc/${pid}/uid_map`, 'utf8').trim().split(/\s+/);
    return first[0] === '0' && Number(first[1]) === uid && first[2] === '1';
  } catch {
    return false;
  }
}

/** Returns the PID of the pause process, starting one when there is none. */
export async function ensurePauseProcess(options: PauseProcessOptions): Promise<number> {
  const existing = livePausePid(options.stateDir, options.uid);
  if (existing) return existing;
  mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  const release = await takeStartLock(options.stateDir);
  try {
    // Another command may have started it while we waited for the lock.
    return livePausePid(options.stateDir, options.uid) ?? (await startPauseProcess(options));
  } finally {
    release();
  }
}

async function takeStartLock(stateDir: string): Promise<() => void> {
  const lock = path.join(stateDir, 'pause.lock');
  const deadline = Date.now() + START_TIMEOUT_MS * 2;
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A command killed while starting the pause process leaves its lock: break it once it is old.
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // gone meanwhile: try again
    }
    if (Date.now() > deadline)
      throw new RootlessSetupError(
        `timed out waiting for ${lock}: if no other berth command is starting, remove it`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startPauseProcess(options: PauseProcessOptions): Promise<number> {
  const { unshare, catatonit } = requireRootlessTools();
  const maps = rootlessIdMappings(options.uid, options.gid);
  const sub = (m: typeof maps.uidMap) => m.find((e) => e.containerId === 1)!;
  const logFile = path.join(options.stateDir, 'pause.log');
  const logFd = openSync(logFile, 'w', 0o600);
  const child = spawn(
    unshare,
    [
      '--user',
      '--mount',
      '--propagation=private',
      // util-linux 2.38 takes one range per kind through newuidmap/newgidmap (outer,inner,count)
      // plus the user itself mapped to 0: podman's default rootless layout.
      `--map-users=${sub(maps.uidMap).hostId},1,${sub(maps.uidMap).size}`,
      `--map-groups=${sub(maps.gidMap).hostId},1,${sub(maps.gidMap).size}`,
      '--map-user=0',
      '--map-group=0',
      '--',
      catatonit,
      '-P',
    ],
    { detached: true, stdio: ['ignore', 'ignore', logFd], cwd: '/' },
  );
  closeSync(logFd);
  const pid = child.pid;
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.on('error', () => (exited = -1));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (pid && !holdsOurNamespace(pid, options.uid)) {
    if (exited !== undefined || Date.now() > deadline) {
      if (exited === undefined) process.kill(pid, 'SIGKILL');
      const log = readText(logFile);
      throw new RootlessSetupError(
        `could not create the rootless user namespace (${unshare} ${exited === undefined ? 'timed out' : `exited ${exited}`})${log ? `: ${log}` : ''}: ` +
          'check that user namespaces are enabled (sysctl user.max_user_namespaces > 0) and that /etc/subuid and /etc/subgid give this user a range',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (!pid) throw new RootlessSetupError(`could not start ${unshare}: ${readText(logFile)}`);
  const pidFile = path.join(options.stateDir, 'pause.pid');
  writeFileSync(`${pidFile}.tmp`, String(pid), { mode: 0o600 });
  renameSync(`${pidFile}.tmp`, pidFile);
  return pid;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('; ');
  } catch {
    return '';
  }
}
