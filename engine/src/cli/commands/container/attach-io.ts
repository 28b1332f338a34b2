// Connecting the user's terminal to a container's attach session: raw mode and resizes when the
// container has a TTY, signal forwarding (--sig-proxy) when it has not, detach keys either way.
import type { Readable, Writable } from 'node:stream';
import type { ReadStream } from 'node:tty';
import type { ContainerPaths } from '../../../container/container-paths.js';
import {
  openAttachSession,
  pumpAttachStreams,
  type AttachEnd,
  type AttachSession,
} from '../../../runtime/attach.js';
import { resizeTerminal } from '../../../runtime/ctl-fifo.js';

export interface AttachIo {
  stdin?: Readable;
  stdout: Writable;
  stderr: Writable;
  terminal: boolean;
  detachKeys?: string;
  /** Forward SIGINT/SIGTERM/SIGHUP... to the container (no TTY). */
  onSignal?: (signal: NodeJS.Signals) => void;
}

const PROXIED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

export async function connectAttach(paths: Pick<ContainerPaths, 'attachSocket'>): Promise<AttachSession> {
  return openAttachSession(paths.attachSocket);
}

/** Pumps until the container ends the session or the user detaches. */
export async function runAttached(
  session: AttachSession,
  paths: Pick<ContainerPaths, 'ctlFifo'>,
  io: AttachIo,
): Promise<AttachEnd> {
  const tty = io.stdin && (io.stdin as ReadStream).isTTY ? (io.stdin as ReadStream) : undefined;
  const out = io.stdout as Writable & {
    isTTY?: boolean;
    rows?: number;
    columns?: number;
    on: Writable['on'];
  };
  const resize = () => {
    if (out.isTTY && out.rows && out.columns) {
      try {
        resizeTerminal(paths.ctlFifo, { rows: out.rows, cols: out.columns });
      } catch {
        // the container may have just exited
      }
    }
  };
  const signalHandlers = new Map<NodeJS.Signals, () => void>();
  if (io.terminal) {
    tty?.setRawMode(true);
    resize();
    out.on('resize', resize);
  } else if (io.onSignal) {
    for (const signal of PROXIED_SIGNALS) {
      const handler = () => io.onSignal!(signal);
      signalHandlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  io.stdin?.resume();
  try {
    return await pumpAttachStreams(session, {
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      terminal: io.terminal,
      detachKeys: io.detachKeys,
    });
  } finally {
    if (io.terminal) {
      tty?.setRawMode(false);
      out.off('resize', resize);
    }
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    io.stdin?.pause();
  }
}
