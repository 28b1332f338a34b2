// slirp4netns, the rootless alternative to pasta (podman 4's default; `--network slirp4netns`, or
// containers.conf's `default_rootless_network_cmd = "slirp4netns"`): a user-mode TCP/IP stack
// behind a tap0 in the namespace (10.0.2.100/24, gateway 10.0.2.2, DNS 10.0.2.3). Unlike pasta it
// publishes no ports itself: the rootless port forwarder does (rootless-port-forward.ts).
// It outlives the command that starts it; teardown finds it by its command line, as pasta's.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { findExecutable } from '../util/find-executable.js';
import { findHelpers, stopHelpers, type ProcessEntry } from './helper-processes.js';
import { NetworkError } from './network-errors.js';
import { checkTunDevice } from './pasta-network.js';

/** The container's own address behind slirp4netns: where published ports are forwarded. */
export const SLIRP4NETNS_ADDRESS = '10.0.2.100';
/** Its built-in DNS forwarder, as seen from the container. */
export const SLIRP4NETNS_DNS = '10.0.2.3';
const READY_TIMEOUT_MS = 10_000;
const SLIRP_COMM = /^slirp4netns/;

/** The flags podman gives it (networking.md), for a namespace bound at `netns`. */
export function slirp4netnsArgs(netns: string, readyFd: number): string[] {
  return [
    '--disable-host-loopback',
    '--mtu=65520',
    // Its own mount namespace with nothing but what it needs; the rootless namespace's mounts
    // are private, so nothing it unmounts there reaches ours (it did as real root: networking.md).
    '--enable-sandbox',
    '--enable-seccomp',
    '--configure',
    `--ready-fd=${readyFd}`,
    '--netns-type=path',
    netns,
    'tap0',
  ];
}

/** Starts slirp4netns on `netns` (which must exist); returns once tap0 is configured. */
export async function startSlirp4netns(netns: string, logFile: string): Promise<void> {
  checkTunDevice('slirp4netns');
  const binary = findExecutable('slirp4netns');
  if (!binary)
    throw new NetworkError(
      'slirp4netns was not found: install it (apt-get install slirp4netns), or use pasta (--network pasta)',
    );
  const logFd = openSync(logFile, 'w', 0o600);
  // fd 3 is the ready pipe; stderr goes to a file, as a pipe would break once this process exits.
  const child = spawn(binary, slirp4netnsArgs(netns, 3), {
    detached: true,
    stdio: ['ignore', 'ignore', logFd, 'pipe'],
  });
  closeSync(logFd);
  const ready = child.stdio[3] as NodeJS.ReadableStream & { destroy(): void };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('it did not report ready in time')), READY_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(why));
      };
      ready.on('data', (chunk: Buffer) => {
        if (!chunk.toString().includes('1')) return;
        clearTimeout(timer);
        resolve();
      });
      child.on('error', (error) => fail(error.message));
      child.on('exit', (code) => fail(`it exited with status ${code}`));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw new NetworkError(
      `starting slirp4netns for the network namespace ${netns} failed: ${(error as Error).message}: ${lastLines(logFile) || 'no message'}`,
    );
  } finally {
    ready.destroy();
    child.removeAllListeners();
    child.unref();
  }
}

/** Whether a slirp4netns serves `netns`. */
export function slirp4netnsRunning(netns: string): boolean {
  return slirp4netnsProcesses(netns).length > 0;
}

/** Stops the slirp4netns of `netns`, if any; safe to repeat. */
export async function stopSlirp4netns(netns: string, processes?: readonly ProcessEntry[]): Promise<void> {
  await stopHelpers(slirp4netnsProcesses(netns, processes), SLIRP_COMM);
}

function slirp4netnsProcesses(netns: string, processes?: readonly ProcessEntry[]): number[] {
  return findHelpers(
    SLIRP_COMM,
    (argv) => argv[0]!.endsWith('slirp4netns') && argv.includes(netns),
    processes,
  );
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('; ');
  } catch {
    return '';
  }
}
