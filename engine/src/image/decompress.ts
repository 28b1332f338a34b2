// Layer blobs arrive gzip-compressed, zstd-compressed or as plain tar, and media types are not
// always honest about it: the compression is detected from the first bytes (magic numbers).
// Everything streams; nothing buffers a whole layer.
import { Duplex, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { MalformedContentError } from './image-errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function detectCompression(head: Uint8Array): Compression {
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (starts(GZIP_MAGIC)) return 'gzip';
  if (starts(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/** zstd decompression as a Node Transform over fzstd's push-based streaming decoder. */
export function createZstdDecompressor(): Transform {
  // fzstd calls back with output; the callback pushes into the transform created just below.
  const sink: { push(data: Buffer): void } = { push: () => {} };
  const decoder = new ZstdDecompress((data) => {
    // fzstd may reuse its window buffer: copy before handing the bytes on.
    sink.push(Buffer.from(data));
  });
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        decoder.push(chunk);
        callback();
      } catch (error) {
        callback(new MalformedContentError(`zstd data is corrupt: ${(error as Error).message}`));
      }
    },
    flush(callback: TransformCallback) {
      try {
        decoder.push(new Uint8Array(0), true);
        callback();
      } catch (error) {
        callback(new MalformedContentError(`zstd data is corrupt or truncated: ${(error as Error).message}`));
      }
    },
  });
  sink.push = (data) => transform.push(data);
  return transform;
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  while (true) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * A Duplex that looks at the first bytes, then decompresses the rest with gunzip or zstd, or
 * passes plain tar through. Back-pressure holds end to end (async iteration pulls on demand).
 */
export function createAutoDecompressor(onDetect?: (compression: Compression) => void): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    const it = source[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let headSize = 0;
    while (headSize < ZSTD_MAGIC.length) {
      const next = await it.next();
      if (next.done) break;
      head.push(next.value);
      headSize += next.value.length;
    }
    const first = Buffer.concat(head);
    const compression = detectCompression(first);
    onDetect?.(compression);
    const input = prepend(first, it);
    if (compression === 'none') {
      yield* input;
      return;
    }
    // Large output chunks: every stage after this one (diff ID hash, tar parser, file writes) pays per chunk.
    const decoder =
      compression === 'gzip' ? createGunzip({ chunkSize: 256 * 1024 }) : createZstdDecompressor();
    const feeder = Readable.from(input, { objectMode: false });
    pipeline(feeder, decoder, () => {
      // Errors surface through the iteration below.
    });
    try {
      for await (const chunk of decoder as AsyncIterable<Buffer>) yield chunk;
    } catch (error) {
      if (error instanceof MalformedContentError) throw error;
      throw new MalformedContentError(`${compression} data is corrupt: ${(error as Error).message}`);
    }
  });
}
