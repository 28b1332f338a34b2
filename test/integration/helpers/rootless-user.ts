// The unprivileged user the rootless tests run Berth as, made by the test set-up as CI would:
// `berth-rootless-test` with a subordinate ID range (useradd/usermod: idempotent, so the user may
// stay between runs), a private runtime dir per test file (its pause process is stopped at the
// end) and a store of its own. /dev/net/tun must be usable by the user for pasta: Debian makes it
// 0666; where a host has it 0600 the set-up makes it 0666 (as CI's set-up does), and says so.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BERTH_BIN, type RunResult } from './berth-cli.js';

export const ROOTLESS_USER = 'berth-rootless-test';
const SUBORDINATE_RANGE = '100000-165535';

export interface RootlessUser {
  uid: number;
  gid: number;
  /** Runs `berth --root R --runroot RR ...args` as the user. */
  run(args: readonly string[], options?: { timeoutMs?: number; cwd?: string }): Promise<RunResult>;
  ok(args: readonly string[], options?: { timeoutMs?: number; cwd?: string }): Promise<string>;
  /** Starts a long-running `berth ...` as the user (service, desktop --web); the caller stops it. */
  start(args: readonly string[], options?: { store?: boolean }): ChildProcess;
  /** A directory owned by the user, for bind mounts and build contexts. */
  ownedDir(name: string): string;
  base: string;
  root: string;
  runroot: string;
  runtimeDir: string;
  dispose(): Promise<void>;
}

function ensureUser(): { uid: number; gid: number } {
  try {
    execFileSync('id', ['-u', ROOTLESS_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', ROOTLESS_USER]);
  }
  const owns = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .some((line) => line.startsWith(`${ROOTLESS_USER}:`));
  if (!owns('/etc/subuid') || !owns('/etc/subgid'))
    execFileSync('usermod', [
      '--add-subuids',
      SUBORDINATE_RANGE,
      '--add-subgids',
      SUBORDINATE_RANGE,
      ROOTLESS_USER,
    ]);
  const uid = Number(execFileSync('id', ['-u', ROOTLESS_USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', ROOTLESS_USER]).toString().trim());
  return { uid, gid };
}

function ensureTunUsable(): void {
  const mode = statSync('/dev/net/tun').mode & 0o777;
  if ((mode & 0o006) !== 0o006) {
    process.stderr.write('rootless tests: /dev/net/tun was 0600; making it 0666 as the CI set-up does\n');
    chmodSync('/dev/net/tun', 0o666);
  }
}

export function rootlessUser(): RootlessUser {
  const { uid, gid } = ensureUser();
  ensureTunUsable();
  const base = mkdtempSync(path.join(os.tmpdir(), 'berth-rootless-'));
  chownSync(base, uid, gid);
  const root = path.join(base, 'root');
  const runroot = path.join(base, 'run');
  const runtimeDir = path.join(base, 'xdg-run');
  const argv = (args: readonly string[], store = true) => [
    '-u',
    ROOTLESS_USER,
    '--',
    'env',
    `XDG_RUNTIME_DIR=${runtimeDir}`,
    `HOME=${base}`,
    process.execPath,
    BERTH_BIN,
    ...(store ? ['--root', root, '--runroot', runroot] : []),
    ...args,
  ];
  const self: RootlessUser = {
    uid,
    gid,
    base,
    root,
    runroot,
    runtimeDir,
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn('runuser', argv(args), {
          cwd: options.cwd ?? base,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(
            new Error(`berth ${args.join(' ')} (rootless) did not finish in time\n${stdout}\n${stderr}`),
          );
        }, options.timeoutMs ?? 60_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code: code ?? -1, stdout, stderr });
        });
      });
    },
    async ok(args, options) {
      const r = await self.run(args, options);
      if (r.code !== 0) throw new Error(`berth ${args.join(' ')} (rootless) exited ${r.code}: ${r.stderr}`);
      return r.stdout.trim();
    },
    start(args, options = {}) {
      return spawn('runuser', argv(args, options.store ?? true), {
        cwd: base,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
    ownedDir(name) {
      const dir = path.join(base, name);
      execFileSync('mkdir', ['-p', dir]);
      chownSync(dir, uid, gid);
      return dir;
    },
    async dispose() {
      await self.run(['rm', '-a', '-f']).catch(() => undefined);
      await self.run(['pod', 'rm', '-a', '-f']).catch(() => undefined);
      // The pause process of this runtime dir holds the namespace (and so every mount in it).
      try {
        const pid = Number(readFileSync(path.join(runtimeDir, 'berth', 'pause.pid'), 'utf8'));
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // never started
      }
      rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
  execFileSync('mkdir', ['-p', '-m', '0700', runtimeDir]);
  chownSync(runtimeDir, uid, gid);
  return self;
}
