// Runs this very CLI invocation again inside the rootless namespaces (see pause-process.ts).
//
// Node cannot call setns(2) itself (podman does it in C before the Go runtime starts), so the
// first process stays small: it makes sure the pause process exists and spawns
// `nsenter --user --mount -t <pause pid>` with the same Node, script and arguments. nsenter
// makes the child uid/gid 0 inside the namespace (root there = the user on the host), and
// `--wd` keeps the caller's working directory (joining a mount namespace resets it to `/`). The
// first process then only relays: terminal signals (Ctrl-C, window changes) already reach the
// child, which is in the same foreground process group, so only signals sent to this PID alone
// are forwarded; the child's exit status becomes ours.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { rootlessRuntimeDir } from '../config/store-paths.js';
import { findExecutable } from '../util/find-executable.js';
import { ensurePauseProcess } from './pause-process.js';
import { RootlessSetupError } from './rootless-errors.js';
import { ROOTLESS_GID_ENV, ROOTLESS_UID_ENV } from './rootless-env.js';

const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
/** Sent by the terminal to the whole foreground group, so the child gets them on its own. */
const IGNORED: NodeJS.Signals[] = ['SIGINT', 'SIGWINCH'];

/** Where the pause PID and its log live: the user's runtime dir, shared by all the user's stores. */
export function pauseStateDir(): string {
  return path.join(rootlessRuntimeDir(), 'berth');
}

export async function runInRootlessNamespace(argv: readonly string[]): Promise<number> {
  const uid = process.getuid!();
  const gid = process.getgid!();
  const pid = await ensurePauseProcess({ stateDir: pauseStateDir(), uid, gid });
  const nsenter = findExecutable('nsenter');
  if (!nsenter)
    throw new RootlessSetupError('nsenter was not found: install util-linux (apt-get install util-linux)');
  const script = process.argv[1]!;
  const child = spawn(
    nsenter,
    [
      '--user',
      '--mount',
      '-t',
      String(pid),
      `--wd=${process.cwd()}`,
      '--',
      process.execPath,
      ...process.execArgv,
      script,
      ...argv,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        [ROOTLESS_UID_ENV]: String(uid),
        [ROOTLESS_GID_ENV]: String(gid),
        // HOME decides the XDG defaults; inside, os.homedir() would still find it in /etc/passwd,
        // but an explicit value keeps both processes on the same store.
        HOME: process.env.HOME || os.homedir(),
      },
    },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  for (const signal of IGNORED) process.on(signal, () => undefined);
  return new Promise<number>((resolve, reject) => {
    child.on('error', (error) =>
      reject(
        new RootlessSetupError(
          `could not enter the rootless namespace of pause process ${pid} with ${nsenter}: ${error.message}`,
        ),
      ),
    );
    child.on('exit', (code, signal) => {
      resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0));
    });
  });
}
