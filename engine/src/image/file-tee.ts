// A pass-through stream that also writes every chunk to a file, with back-pressure from the disk:
// how a layer's blob is kept, byte for byte, while it is being verified and unpacked, without
// reading it twice or holding it in memory.
// Chunks are gathered into writes of about 1 MiB (a network chunk is some 64 KiB: one write each
// cost more than the copy), one write at a time; the stream holds back only when a second batch
// is ready before the first is on disk, so at most two batches are in memory.
import { close, openSync, writev } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

const BATCH_BYTES = 1024 * 1024;

/** Writes all of `buffers` at the file's current position (a short write is continued). */
function writeAll(fd: number, buffers: Buffer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (rest: Buffer[]) => {
      writev(fd, rest, (error, written) => {
        if (error) return reject(error);
        let left = written;
        let i = 0;
        while (i < rest.length && left >= rest[i]!.length) left -= rest[i++]!.length;
        if (i === rest.length) return resolve();
        step([rest[i]!.subarray(left), ...rest.slice(i + 1)]);
      });
    };
    step(buffers);
  });
}

export function createFileTee(file: string): Transform {
  // Exclusive create: never write through something already there.
  const fd = openSync(file, 'wx', 0o644);
  let closed = false;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let writing: Promise<void> | undefined;
  let failure: Error | undefined;

  const writeBatch = (): Promise<void> => {
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    const done: Promise<void> = writeAll(fd, batch).then(
      () => {
        if (writing === done) writing = undefined;
      },
      (error: Error) => {
        failure ??= error;
        if (writing === done) writing = undefined;
      },
    );
    writing = done;
    return done;
  };
  const closeFile = (callback: () => void) => {
    if (closed) return callback();
    closed = true;
    close(fd, (error) => {
      if (error) failure ??= error;
      callback();
    });
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (failure) return callback(failure);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < BATCH_BYTES) return callback(null, chunk);
      if (!writing) {
        void writeBatch();
        return callback(null, chunk);
      }
      // The previous batch is still being written: wait for the disk.
      void writing.then(() => {
        if (failure) return callback(failure);
        void writeBatch();
        callback(null, chunk);
      });
    },
    flush(callback: TransformCallback) {
      void (writing ?? Promise.resolve())
        .then(() => (failure || pending.length === 0 ? undefined : writeBatch()))
        .then(() => closeFile(() => callback(failure ?? null)));
    },
    destroy(error, callback) {
      // Close only once no write is using the descriptor (a reused number would get its bytes).
      void (writing ?? Promise.resolve()).then(() => closeFile(() => callback(error)));
    },
  });
}
