// Rootless networking: a user cannot make bridges or firewall rules on the host, so (as podman
// 5 does by default) each container or pod gets its own network namespace wired to the host by
// pasta (package passt). pasta copies the host's addresses and routes into the namespace, carries
// the container's traffic through ordinary sockets of the user, and publishes ports itself by
// listening on the host (`-t`/`-u`), so no rootlessport-like helper is needed and published ports
// answer on 127.0.0.1 and the host's addresses. It runs as a daemon that outlives the CLI; teardown
// finds it by its command line and stops it before the namespace goes.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { promisify } from 'node:util';
import { hostUid } from '../rootless/rootless-env.js';
import { realDeviceHost, type DeviceHost } from '../util/device-access.js';
import { findExecutable } from '../util/find-executable.js';
import { findHelpers, stopHelpers, type ProcessEntry } from './helper-processes.js';
import { NetworkError, PortInUseError } from './network-errors.js';
import type { NetavarkPortMapping } from './network-records.js';

const run = promisify(execFile);
const TUN_DEVICE = '/dev/net/tun';

/** pasta and slirp4netns need the tun device; say clearly when the host keeps it from this user. */
export function checkTunDevice(
  tool: 'pasta' | 'slirp4netns' = 'pasta',
  host: DeviceHost = realDeviceHost,
  uid: number = hostUid(),
): void {
  try {
    host.access(TUN_DEVICE, constants.R_OK | constants.W_OK);
  } catch (error) {
    const mode = host.mode(TUN_DEVICE);
    const shown = mode === undefined ? '' : ` (mode ${mode.toString(8).padStart(4, '0')})`;
    const code = (error as NodeJS.ErrnoException).code;
    throw new NetworkError(
      code === 'ENOENT'
        ? `${TUN_DEVICE} does not exist: rootless networking (${tool}) needs it: load the tun module (modprobe tun) or run with --network none`
        : `${TUN_DEVICE} is not accessible to uid ${uid}${shown}: rootless networking (${tool}) needs to read and write it: ask an administrator to run \`chmod 0666 ${TUN_DEVICE}\` (the Debian default), or run with --network none`,
    );
  }
}

/** pasta's port specs: `[ADDR/]HOST[-END]:CONTAINER[-END]`, one -t or -u per mapping. */
export function pastaPortArgs(ports: readonly NetavarkPortMapping[]): string[] {
  const args: string[] = [];
  for (const protocol of ['tcp', 'udp'] as const) {
    const flag = protocol === 'tcp' ? '-t' : '-u';
    const mine = ports.filter((p) => p.protocol === protocol);
    if (mine.length === 0) args.push(flag, 'none');
    for (const p of mine) {
      const span = (start: number) => (p.range > 1 ? `${start}-${start + p.range - 1}` : `${start}`);
      const address = p.host_ip && p.host_ip !== '0.0.0.0' ? `${p.host_ip}/` : '';
      args.push(flag, `${address}${span(p.host_port)}:${span(p.container_port)}`);
    }
  }
  const sctp = ports.find((p) => p.protocol !== 'tcp' && p.protocol !== 'udp');
  if (sctp)
    throw new NetworkError(
      `publishing ${sctp.protocol} port ${sctp.container_port} is not possible rootless: pasta forwards tcp and udp only`,
    );
  return args;
}

/** Starts pasta on `netns` (which must exist) with the published ports; returns when it is up. */
export async function startPasta(netns: string, ports: readonly NetavarkPortMapping[]): Promise<void> {
  checkTunDevice();
  const pasta = findExecutable('pasta');
  if (!pasta)
    throw new NetworkError(
      'pasta was not found: rootless networking needs it: install passt (apt-get install passt), or run with --network none',
    );
  const args = [
    '--config-net',
    '--quiet',
    ...pastaPortArgs(ports),
    // No automatic forwarding from the container to ports bound on the host's loopback.
    '-T',
    'none',
    '-U',
    'none',
    '--netns',
    netns,
  ];
  try {
    // pasta forks into the background once the namespace is configured and its sockets bound.
    await run(pasta, args, { timeout: 10_000 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message)
      .split('\n')
      .filter((line) => line.trim() && !line.includes('syslog'))
      .join('; ');
    const PortError = /address already in use|bind/i.test(stderr) ? PortInUseError : NetworkError;
    throw new PortError(
      `starting pasta for the network namespace ${netns} failed: ${stderr || 'no message'}`,
    );
  }
}

/** pasta re-executes itself as passt.avx2 where the CPU allows: the command name varies. */
const PASTA_COMM = /^(pasta|passt)/;

/** Whether a pasta serves `netns` (the rootless network namespace is checked before reuse). */
export function pastaRunning(netns: string): boolean {
  return pastaProcesses(netns).length > 0;
}

/**
 * Stops the pasta of `netns`, if any; safe to repeat. pasta is found by its command line: it
 * sandboxes itself (its own mount and PID namespaces) before it would write a --pid file, and
 * with Debian 12's pasta no such file appears where we can read it.
 */
export async function stopPasta(netns: string, processes?: readonly ProcessEntry[]): Promise<void> {
  await stopHelpers(pastaProcesses(netns, processes), PASTA_COMM);
}

function pastaProcesses(netns: string, processes?: readonly ProcessEntry[]): number[] {
  return findHelpers(PASTA_COMM, (argv) => argv[0]!.endsWith('pasta') && argv.includes(netns), processes);
}
