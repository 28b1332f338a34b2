// Driving netavark: one process per setup or teardown, its input as JSON on stdin, its result (or
// `{"error": ...}`) as JSON on stdout. `--config` is the store's run-time directory for netavark
// (aardvark-dns's config and PID file live there), never the network definitions, which stay in
// the state database. Rootless, netavark runs inside the store's rootless network namespace
// (rootless-netns.ts), which stands in for the host.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { findExecutable } from '../util/find-executable.js';
import { log } from '../util/logger.js';
import { keepBridgeUp } from './bridge-keeper.js';
import { NetworkError } from './network-errors.js';
import { netavarkConfigDir } from './network-paths.js';
import type { NetavarkInput, NetavarkResult } from './network-records.js';
import { ensureRootlessNetns, rootlessNetnsExists } from './rootless-netns.js';

export class NetavarkError extends NetworkError {}

function binaries(): { netavark: string; aardvark?: string } {
  const netavark = findExecutable('netavark');
  if (!netavark)
    throw new NetworkError(
      'netavark was not found (looked on PATH and in /usr/lib/podman): install it (apt-get install netavark aardvark-dns)',
    );
  return { netavark, aardvark: findExecutable('aardvark-dns') };
}

function nsenterBinary(): string {
  const nsenter = findExecutable('nsenter');
  if (!nsenter)
    throw new NetworkError('nsenter was not found: rootless user networks need it: install util-linux');
  return nsenter;
}

const SBIN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * One netavark at a time per store, as podman holds its network lock around each call: two
 * setups on one network at once race on its iptables chains ("Chain already exists").
 */
export async function runNetavark(
  store: Store,
  command: 'setup' | 'teardown',
  netns: string | NetnsHandle,
  input: NetavarkInput,
): Promise<NetavarkResult | undefined> {
  return withNetavarkLock(store, () => runNetavarkUnlocked(store, command, netns, input));
}

/**
 * A namespace held by an open file descriptor rather than named by its bind mount: netavark gets
 * the descriptor as its fd 3 and opens `/proc/self/fd/3`, so the mount can go at the same time.
 */
export interface NetnsHandle {
  fd: number;
}

/** The child's descriptor number for a NetnsHandle (after stdin, stdout, stderr). */
const NETNS_CHILD_FD = 3;

const NETAVARK_LOCK = 'network:netavark';

/** Holds the store's netavark lock around `work` (the rootless netns's life is decided under it too). */
export function withNetavarkLock<T>(store: Store, work: () => Promise<T>): Promise<T> {
  return withLock(store.db, NETAVARK_LOCK, work);
}

async function runNetavarkUnlocked(
  store: Store,
  command: 'setup' | 'teardown',
  netns: string | NetnsHandle,
  input: NetavarkInput,
): Promise<NetavarkResult | undefined> {
  const { netavark, aardvark } = binaries();
  const rootless = store.paths.rootless;
  // Rootless, the namespace netavark works in is gone only when nothing was left to tear down.
  if (rootless && command === 'teardown' && !rootlessNetnsExists(store.paths)) return undefined;
  const configDir = netavarkConfigDir(store.paths);
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const netavarkArgs = ['--config', configDir, `--rootless=${rootless}`];
  if (aardvark) netavarkArgs.push(`--aardvark-binary=${aardvark}`);
  const held = typeof netns === 'string' ? undefined : netns.fd;
  netavarkArgs.push(command, typeof netns === 'string' ? netns : `/proc/self/fd/${NETNS_CHILD_FD}`);
  let program = netavark;
  let args = netavarkArgs;
  if (rootless) {
    const hostNetns = await ensureRootlessNetns(store);
    program = nsenterBinary();
    args = [`--net=${hostNetns}`, '--', netavark, ...netavarkArgs];
  }
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      // aardvark-dns, which netavark starts for DNS-enabled networks, must not hold our pipes:
      // netavark gives it its own; it is detached and outlives this call on purpose.
      // A held namespace rides along as fd 3 (only a teardown passes one: it starts no aardvark-dns
      // that could keep the descriptor, and the namespace, alive).
      const child = spawn(program, args, {
        stdio: held === undefined ? ['pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe', held],
        env: { ...process.env, PATH: `${process.env.PATH ?? ''}:${SBIN_PATH}` },
      }) as ChildProcessWithoutNullStreams; // stdin, stdout and stderr are pipes either way
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ code: status ?? -1, stdout: out, stderr: err }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(JSON.stringify(input));
    },
  );
  const noise = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/failed to connect to syslog/.test(l))
    .join('; ');
  if (code !== 0) {
    let message = noise || `exit status ${code}`;
    try {
      const parsed = JSON.parse(stdout) as { error?: string };
      if (parsed.error) message = parsed.error;
    } catch {
      // not JSON: keep stderr
    }
    throw new NetavarkError(`netavark ${command} for container ${input.container_name}: ${message}`);
  }
  if (noise) log.debug(`netavark ${command}: ${noise}`);
  if (command === 'teardown') return undefined;
  // The keeper is a host bridge's; a rootless netns goes away with its last container anyway.
  for (const info of Object.values(input.network_info)) {
    if (info.network_interface && !rootless) await keepBridgeUp(info.network_interface);
  }
  try {
    return JSON.parse(stdout) as NetavarkResult;
  } catch {
    throw new NetavarkError(
      `netavark setup for container ${input.container_name} printed no result: ${stdout.slice(0, 200)}`,
    );
  }
}
