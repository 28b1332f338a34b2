// Attaching to a container through conmon's attach socket (SOCK_SEQPACKET). Packets from conmon
// carry one stream byte (2 = stdout, 3 = stderr) then the data; packets to conmon are raw stdin.
// conmon keeps no backlog: connect before `runc start` when the first output matters (the log
// has it all otherwise). conmon closes the connection when the container exits; the exit code is
// in the exit file, not on the socket.
import type { Readable, Writable } from 'node:stream';
import { DEFAULT_DETACH_KEYS, DetachKeyMatcher, parseDetachKeys } from './detach-keys.js';
import {
  connectSeqpacket,
  preloadSeqpacketSupport,
  type SeqpacketConnection,
} from './seqpacket-connection.js';

/** Loads what attaching needs ahead of time (see preloadSeqpacketSupport). */
export const preloadAttachSupport: () => void = preloadSeqpacketSupport;

export type AttachStreamName = 'stdout' | 'stderr';

export interface AttachOutput {
  stream: AttachStreamName;
  data: Buffer;
}

const STREAM_BY_BYTE: Record<number, AttachStreamName> = { 2: 'stdout', 3: 'stderr' };
/** conmon reads stdin in chunks of this size; larger packets would be cut. */
const MAX_STDIN_PACKET = 8192;

export interface AttachSession {
  /** Output in order, until conmon closes the connection or the session is closed. */
  output: AsyncIterable<AttachOutput>;
  /** Sends stdin bytes. */
  write(data: Buffer | string): Promise<void>;
  /**
   * Ends stdin: without a terminal the container reads EOF. With -t conmon ignores the
   * half-close: send "\x04" (Ctrl-D) instead.
   */
  endInput(): Promise<void>;
  close(): void;
  /** Resolves when the connection is gone (container exited, or close()). */
  closed: Promise<void>;
}

/** Connects to `socketPath`; `signal` closes the session. */
export async function openAttachSession(
  socketPath: string,
  options: { signal?: AbortSignal } = {},
): Promise<AttachSession> {
  options.signal?.throwIfAborted();
  const connection = await connectSeqpacket(socketPath);
  return sessionOver(connection, options.signal);
}

function sessionOver(connection: SeqpacketConnection, signal: AbortSignal | undefined): AttachSession {
  const queue: AttachOutput[] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  connection.onPacket((packet) => {
    if (packet.length === 0) return;
    const stream = STREAM_BY_BYTE[packet[0]!];
    if (!stream) return; // other stream ids carry nothing for a client
    queue.push({ stream, data: Buffer.from(packet.subarray(1)) });
    notify();
  });
  connection.onClose((error) => {
    done = true;
    failure = error;
    signal?.removeEventListener('abort', onAbort);
    resolveClosed();
    notify();
  });
  const onAbort = () => connection.close();
  signal?.addEventListener('abort', onAbort, { once: true });

  const output: AsyncIterable<AttachOutput> = {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<AttachOutput>> => {
        while (true) {
          const item = queue.shift();
          if (item) return { value: item, done: false };
          if (done) {
            if (failure && !signal?.aborted) throw failure;
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      return: async (): Promise<IteratorResult<AttachOutput>> => {
        connection.close();
        return { value: undefined, done: true };
      },
    }),
  };

  return {
    output,
    write: async (data) => {
      const buffer = typeof data === 'string' ? Buffer.from(data) : data;
      for (let offset = 0; offset < buffer.length; offset += MAX_STDIN_PACKET) {
        await connection.write(buffer.subarray(offset, offset + MAX_STDIN_PACKET));
      }
    },
    endInput: () => connection.end(),
    close: () => connection.close(),
    closed,
  };
}

export interface AttachStreamsOptions {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** The container has a terminal: end of stdin does not end the session (see endInput). */
  terminal?: boolean;
  /** Default ctrl-p,ctrl-q; "" disables. */
  detachKeys?: string;
}

/** How an attach session ended. */
export type AttachEnd = 'exited' | 'detached';

/**
 * Pumps local streams through an attach session until the container closes it ('exited') or
 * the user types the detach keys ('detached').
 */
export async function pumpAttachStreams(
  session: AttachSession,
  options: AttachStreamsOptions,
): Promise<AttachEnd> {
  const matcher = new DetachKeyMatcher(parseDetachKeys(options.detachKeys ?? DEFAULT_DETACH_KEYS));
  let detached = false;
  const stdin = options.stdin;
  const onData = (chunk: Buffer | string) => {
    const scan = matcher.scan(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (scan.forward.length > 0) void session.write(scan.forward).catch(() => undefined);
    if (scan.detached) {
      detached = true;
      session.close();
    }
  };
  const onEnd = () => {
    if (!options.terminal) void session.endInput();
  };
  if (stdin) {
    stdin.on('data', onData);
    stdin.once('end', onEnd);
  }
  try {
    for await (const item of session.output) {
      const target = item.stream === 'stderr' ? (options.stderr ?? options.stdout) : options.stdout;
      if (target && !target.write(item.data)) await new Promise<void>((r) => target.once('drain', r));
    }
  } catch (error) {
    if (!detached) throw error;
  } finally {
    if (stdin) {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
    }
  }
  return detached ? 'detached' : 'exited';
}
