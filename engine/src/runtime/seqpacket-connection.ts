// A connected SOCK_SEQPACKET unix socket behind a small interface. Node's `net` only does
// SOCK_STREAM and conmon's attach socket is SEQPACKET, so this wraps node-unix-socket (prebuilt
// native addon). Keep the addon's API out of the rest of the engine: only this file imports it.
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type * as NodeUnixSocket from 'node-unix-socket';
import type { SeqpacketSocket } from 'node-unix-socket';

export interface SeqpacketConnection {
  /** Sends one packet; resolves when the kernel took it. */
  write(data: Buffer): Promise<void>;
  /** Shuts down the write side (the peer reads EOF); packets may still arrive. */
  end(): Promise<void>;
  /** Closes both directions at once. */
  close(): void;
  onPacket(listener: (packet: Buffer) => void): void;
  /** The peer closed the connection (or it failed: then `error` is set). */
  onClose(listener: (error?: Error) => void): void;
}

/** sun_path holds 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH = 107;
const O_PATH = 0o10000000;

const require = createRequire(import.meta.url);
type SeqpacketModule = Pick<typeof NodeUnixSocket, 'SeqpacketSocket'>;
let addon: SeqpacketModule | undefined;
function loadAddon(): SeqpacketModule {
  // Loaded on first use so that commands that never attach do not pay for the native module.
  addon ??= withCheapLibcProbe(loadSeqpacketModule);
  return addon;
}

/**
 * The package's SEQPACKET part alone: its index also loads the datagram and reuse-port parts and
 * worker_threads (half of the ~8 ms the index costs), only to install a clean-up hook that a
 * worker thread needs. Inside a worker the whole index is loaded, hook included.
 */
function loadSeqpacketModule(): SeqpacketModule {
  if (inWorkerThread()) return require('node-unix-socket') as typeof NodeUnixSocket;
  return require('node-unix-socket/js/seqpacket.js') as SeqpacketModule;
}

/**
 * Asks worker_threads only when it is already loaded (a worker's bootstrap always loads it), so
 * that the main thread does not load it (~2.5 ms) just to hear that it is the main thread.
 */
export function inWorkerThread(): boolean {
  const loaded = (process as { moduleLoadList?: readonly string[] }).moduleLoadList;
  if (loaded && !loaded.includes('NativeModule worker_threads')) return false;
  return !(require('node:worker_threads') as typeof WorkerThreads).isMainThread;
}

/**
 * Loads the addon now: a caller that will attach soon does it while it waits anyway (runc's
 * create), so that the load (~10 ms) is not on the way to the container's start. A failure is
 * left to connectSeqpacket, which reports it where the socket is needed.
 */
export function preloadSeqpacketSupport(): void {
  try {
    loadAddon();
  } catch {
    // reported on first use
  }
}

/**
 * The addon's loader picks its glibc or musl build by calling process.report.getReport(), which
 * gathers a whole diagnostic report (5 to 8 ms) to read one header field. Answer that field from
 * the dynamic loader's file name instead while it loads.
 */
function withCheapLibcProbe<T>(load: () => T): T {
  const report = process.report;
  const original = report?.getReport;
  if (!report || typeof original !== 'function') return load();
  const musl = existsSync(`/lib/ld-musl-${process.arch === 'x64' ? 'x86_64' : process.arch}.so.1`);
  const header = musl ? {} : { glibcVersionRuntime: 'present' };
  report.getReport = (() => ({ header })) as unknown as typeof original;
  try {
    return load();
  } finally {
    report.getReport = original;
  }
}

/**
 * Connects to the SEQPACKET socket at `socketPath`. Paths longer than sun_path allows are reached
 * through `/proc/self/fd/<n>/<name>` with n an O_PATH descriptor of the socket's directory.
 */
export function connectSeqpacket(socketPath: string): Promise<SeqpacketConnection> {
  const { SeqpacketSocket } = loadAddon();
  let dirFd: number | undefined;
  let target = socketPath;
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    dirFd = openSync(path.dirname(socketPath), O_PATH);
    target = `/proc/self/fd/${dirFd}/${path.basename(socketPath)}`;
  }
  const socket: SeqpacketSocket = new SeqpacketSocket();
  return new Promise<SeqpacketConnection>((resolve, reject) => {
    let settled = false;
    const closeDir = () => {
      if (dirFd !== undefined) closeSync(dirFd);
      dirFd = undefined;
    };
    // Stays on the socket when the connect fails: the addon may report more than one error for
    // it (each one emitted on its own tick), and an 'error' nobody listens to ends the process,
    // the API service with every connection it holds.
    const onConnectError = () => {
      if (settled) return;
      settled = true;
      closeDir();
      socket.destroy();
      reject(
        new Error(
          `cannot connect to ${socketPath}: ${whyNotConnected(socketPath)}: is the container running with its attach socket?`,
        ),
      );
    };
    socket.on('error', onConnectError);
    try {
      socket.connect(target, () => {
        if (settled) return;
        settled = true;
        closeDir();
        const connection = wrap(socket);
        socket.off('error', onConnectError);
        resolve(connection);
      });
    } catch {
      onConnectError();
    }
  });
}

/**
 * The addon's errno text for a failed connect is unreliable ("Unknown errno", or ENOENT's text for
 * a socket of another type): say what is at the path instead.
 */
function whyNotConnected(socketPath: string): string {
  try {
    return statSync(socketPath).isSocket() ? 'the socket refused the connection' : 'it is not a socket';
  } catch {
    return 'no such socket';
  }
}

/**
 * Errors that only say the connection is over. conmon closes the attach socket when the
 * container exits; keystrokes forwarded in that instant fail with EPIPE (or ECONNRESET), and a
 * poll event the addon queued before closing the descriptor itself fails with EBADF. Reporting
 * them failed `run -it` at random (about one run in ten under a pseudo-terminal); the exit code
 * comes from the exit file, never from this socket, so nothing is lost by ending quietly.
 */
const PEER_GONE = /\b(?:EBADF|EPIPE|ECONNRESET)\b|Broken pipe|Connection reset/;

function wrap(socket: SeqpacketSocket): SeqpacketConnection {
  let closed = false;
  let closeError: Error | undefined;
  const closeListeners: Array<(error?: Error) => void> = [];
  const fireClose = (error?: Error) => {
    if (closed) return;
    closed = true;
    closeError = error;
    for (const l of closeListeners) l(error);
  };
  socket.on('end', () => fireClose());
  socket.on('close', () => fireClose());
  socket.on('error', (error: Error) => fireClose(PEER_GONE.test(error.message) ? undefined : error));
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new Error('the attach connection is closed'));
        try {
          socket.write(data, 0, data.length, () => resolve());
        } catch (error) {
          reject(error as Error);
        }
      }),
    end: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        try {
          socket.end(() => resolve());
        } catch {
          resolve();
        }
      }),
    close: () => {
      socket.destroy();
      fireClose();
    },
    onPacket: (listener) => socket.on('data', listener),
    onClose: (listener) => {
      if (closed) listener(closeError);
      else closeListeners.push(listener);
    },
  };
}
