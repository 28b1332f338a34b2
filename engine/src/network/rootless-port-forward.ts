// Published ports of rootless containers that pasta does not publish itself (user networks, whose
// containers sit behind a bridge in the rootless netns, and slirp4netns): podman runs its
// `rootlessport` helper; Berth runs `berth network port-forward`, one small process per container
// that outlives the command which started it.
//
// A process lives in one network namespace, and Node cannot switch (setns) at run time, yet the
// forwarder must listen on the host and connect inside the container's namespace. So this side,
// still in the host's namespace, binds the listening sockets (which keeps their namespace for
// life) and hands them over as inherited file descriptors to the forwarder, started by
// `nsenter --net=<namespace>` so that every connection it opens lands inside.
import { spawn } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { StorePaths } from '../config/store-paths.js';
import { berthCliPath } from '../container/exit-command.js';
import { findExecutable } from '../util/find-executable.js';
import { isLiveHelper, stopHelpers } from './helper-processes.js';
import { NetworkError, PortInUseError } from './network-errors.js';
import { netavarkConfigDir } from './network-paths.js';
import type { NetavarkPortMapping } from './network-records.js';

const READY_TIMEOUT_MS = 10_000;
/** The forwarder is Node (or Electron run as Node): its command name. */
const FORWARDER_COMM = /^(node|electron|berth)/i;

export interface PortForwardRequest {
  containerId: string;
  /** The namespace whose network the forwarder's connections start from. */
  netns: string;
  /** The container's address as seen from that namespace. */
  targetAddress: string;
  ports: readonly NetavarkPortMapping[];
}

function forwarderDir(paths: Pick<StorePaths, 'runRoot'>): string {
  return path.join(netavarkConfigDir(paths), 'port-forward');
}

/** One listener per host port (ranges expanded): `PROTO:FD:ADDRESS:PORT` for the forwarder. */
export function forwardSpec(protocol: string, fd: number, address: string, port: number): string {
  return `${protocol}:${fd}:${address}:${port}`;
}

export async function startPortForwarder(
  paths: Pick<StorePaths, 'runRoot'>,
  request: PortForwardRequest,
): Promise<void> {
  if (request.ports.length === 0) return;
  if (!request.targetAddress)
    throw new NetworkError(
      `container ${request.containerId.slice(0, 12)} got no address to forward its published ports to: check its networks (berth inspect)`,
    );
  const nsenter = findExecutable('nsenter');
  if (!nsenter)
    throw new NetworkError('nsenter was not found: publishing rootless ports needs it: install util-linux');
  const listeners: Array<Server | UdpSocket> = [];
  try {
    const specs: string[] = [];
    const fds: number[] = [];
    for (const m of request.ports) {
      if (m.protocol !== 'tcp' && m.protocol !== 'udp')
        throw new NetworkError(
          `publishing ${m.protocol} port ${m.container_port} is not possible rootless: only tcp and udp are forwarded`,
        );
      for (let i = 0; i < m.range; i++) {
        const listener = await listen(m, m.host_port + i);
        listeners.push(listener);
        fds.push(socketFd(listener));
        specs.push(forwardSpec(m.protocol, 3 + specs.length, request.targetAddress, m.container_port + i));
      }
    }
    const dir = forwarderDir(paths);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const logFile = path.join(dir, `${request.containerId}.log`);
    const logFd = openSync(logFile, 'w', 0o600);
    const child = spawn(
      nsenter,
      [
        `--net=${request.netns}`,
        '--',
        process.execPath,
        berthCliPath(),
        'network',
        'port-forward',
        request.containerId,
        ...specs,
      ],
      {
        detached: true,
        stdio: ['ignore', 'pipe', logFd, ...fds],
        // Electron's binary runs the CLI as Node with this set (as the container exit command).
        env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env,
      },
    );
    closeSync(logFd);
    await waitReady(child, logFile);
    writeFileSync(pidFile(paths, request.containerId), String(child.pid), { mode: 0o600 });
  } finally {
    // The forwarder holds its own copies of the sockets; ours would only keep the ports busy.
    for (const listener of listeners) listener.close();
  }
}

function waitReady(child: ReturnType<typeof spawn>, logFile: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.destroy();
      child.removeAllListeners();
      child.unref();
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve();
    };
    const failure = (why: string) =>
      new NetworkError(`the port forwarder did not start (${why}): ${lastLines(logFile) || 'no message'}`);
    const timer = setTimeout(() => done(failure('no ready report in time')), READY_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) done();
    });
    child.on('error', (error) => done(failure(error.message)));
    child.on('exit', (code) => done(failure(`exit status ${code}`)));
  });
}

async function listen(m: NetavarkPortMapping, port: number): Promise<Server | UdpSocket> {
  const host = m.host_ip || '0.0.0.0';
  const inUse = (error: NodeJS.ErrnoException) =>
    new PortInUseError(
      `cannot listen on the ${m.protocol.toUpperCase()} port: listen ${m.protocol} ${host}:${port}: bind: ${error.code === 'EADDRINUSE' ? 'address already in use' : error.message}: stop what uses the port or publish another host port`,
    );
  if (m.protocol === 'udp')
    return new Promise((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (error) => reject(inUse(error)));
      socket.bind(port, host, () => resolve(socket));
    });
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => reject(inUse(error)));
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

/**
 * The descriptor under a listening socket. Node has no public accessor; these are the fields its
 * own cluster module relies on, checked so that a Node that moves them fails with a message.
 */
function socketFd(listener: Server | UdpSocket): number {
  let fd: unknown;
  if ('listen' in listener) fd = (listener as unknown as { _handle?: { fd?: number } })._handle?.fd;
  else {
    const state = Object.getOwnPropertySymbols(listener).find((s) => s.description === 'state symbol');
    const record = listener as unknown as Record<symbol, { handle?: { fd?: number } }>;
    fd = state ? record[state]?.handle?.fd : undefined;
  }
  if (typeof fd !== 'number' || fd < 0)
    throw new NetworkError(
      `cannot hand a listening socket to the port forwarder on Node ${process.version}: report this`,
    );
  return fd;
}

function pidFile(paths: Pick<StorePaths, 'runRoot'>, containerId: string): string {
  return path.join(forwarderDir(paths), `${containerId}.pid`);
}

/** Stops the container's forwarder, if any (it frees the host ports); safe to repeat. */
export async function stopPortForwarder(
  paths: Pick<StorePaths, 'runRoot'>,
  containerId: string,
): Promise<void> {
  const file = pidFile(paths, containerId);
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return;
  }
  // A recycled PID is someone else's: the forwarder's command line names the container.
  if (isOurForwarder(pid, containerId)) await stopHelpers([pid], FORWARDER_COMM);
  rmSync(file, { force: true });
  rmSync(path.join(forwarderDir(paths), `${containerId}.log`), { force: true });
}

function isOurForwarder(pid: number, containerId: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('port-forward') && argv.includes(containerId) && isLiveHelper(pid, FORWARDER_COMM);
  } catch {
    return false;
  }
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('; ');
  } catch {
    return '';
  }
}
