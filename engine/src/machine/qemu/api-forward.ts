// The guest's API socket forwarded to a host unix socket by `ssh -N -L host.sock:guest.sock`, run
// detached so it outlives the `machine start` that launched it; `start` relaunches it each time
// and `stop` ends it. The host side then speaks the Docker API to the engine in the guest.
import { spawn } from 'node:child_process';
import { openSync, rmSync, closeSync } from 'node:fs';
import http from 'node:http';
import type { TrackedProcess } from '../machine-config.js';
import type { MachineRecord } from '../machine-store.js';
import { trackProcess } from '../tracked-process.js';
import { sshBaseArgs, sshTarget } from './ssh-client.js';

export const GUEST_API_SOCKET = '/run/berth/berth.sock';

/**
 * Launches the forwarder; undefined when ssh was already gone by the time it could be tracked
 * (sshd refused it at once: not listening yet). Its log says why; the caller tries again.
 */
export function startApiForwarder(
  ssh: string,
  machine: MachineRecord,
  port: number,
): TrackedProcess | undefined {
  const socket = machine.paths.apiSocket;
  rmSync(socket, { force: true });
  const log = openSync(machine.paths.forwarderLog, 'a');
  try {
    const child = spawn(
      ssh,
      [
        ...sshBaseArgs(machine, port),
        '-N',
        // Covers the TCP connect and sshd's banner: a try that hangs is ended and made again.
        '-o',
        'ConnectTimeout=10',
        '-o',
        'ExitOnForwardFailure=yes',
        '-o',
        'StreamLocalBindUnlink=yes',
        // A machine that stops answering ends the forwarder instead of leaving it hanging.
        '-o',
        'ServerAliveInterval=10',
        '-o',
        'ServerAliveCountMax=3',
        '-L',
        `${socket}:${GUEST_API_SOCKET}`,
        sshTarget(machine),
      ],
      { detached: true, stdio: ['ignore', log, log] },
    );
    child.unref();
    return child.pid === undefined ? undefined : trackProcess(child.pid);
  } finally {
    closeSync(log);
  }
}

/** GET /_ping on a unix socket: true when the API service answered 200. */
export function apiAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(
      { socketPath, path: '/_ping', method: 'GET', timeout: 5_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}
