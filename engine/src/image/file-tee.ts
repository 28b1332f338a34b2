// A pass-through stream that also writes every chunk to a file, with back-pressure from the disk:
// how a layer's blob is kept, byte for byte, while it is being verified and unpacked, without
// reading it twice or holding it in memory.
import { createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

export function createFileTee(file: string): Transform {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o644 });
  let failure: Error | undefined;
  let waiting: (() => void) | undefined;
  const wake = () => {
    const resume = waiting;
    waiting = undefined;
    resume?.();
  };
  out.on('error', (error) => {
    failure ??= error;
    wake();
  });
  out.on('drain', wake);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (failure) return callback(failure);
      if (out.write(chunk)) return callback(null, chunk);
      waiting = () => callback(failure ?? null, chunk);
    },
    flush(callback: TransformCallback) {
      if (failure) return callback(failure);
      out.end(() => callback(failure ?? null));
    },
    destroy(error, callback) {
      out.destroy();
      callback(error);
    },
  });
}
