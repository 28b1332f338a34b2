// Docker's stream multiplexing for containers without a TTY: each chunk goes out behind an
// 8-byte header (stream id: 0 stdin, 1 stdout, 2 stderr; three zero bytes; the length as a
// big-endian uint32). With a TTY there is one stream and the bytes go out raw.
import { Writable } from 'node:stream';

export type StreamId = 0 | 1 | 2;

export const RAW_STREAM = 'application/vnd.docker.raw-stream';
export const MULTIPLEXED_STREAM = 'application/vnd.docker.multiplexed-stream';

export function frame(stream: StreamId, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

/**
 * A writable for one stream into `out`, framed or raw; it honours back-pressure and drops data
 * once `out` is gone (the client left), so a writer never waits forever.
 */
export function streamWriter(
  out: NodeJS.WritableStream & { destroyed?: boolean },
  stream: StreamId,
  multiplexed: boolean,
): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (out.destroyed) return callback();
      const ok = out.write(multiplexed ? frame(stream, chunk) : chunk);
      if (ok) return callback();
      const release = () => {
        out.removeListener('drain', release);
        out.removeListener('close', release);
        callback();
      };
      out.once('drain', release);
      out.once('close', release);
    },
  });
}

/** Resolves when `out` can take more, or is gone (a client that left never drains). */
export function drainedOrClosed(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.removeListener('drain', done);
      out.removeListener('close', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
  });
}
