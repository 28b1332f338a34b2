// Layer blobs arrive gzip-compressed, zstd-compressed or as plain tar, and media types are not
// always honest about it: the compression is detected from the first bytes (magic numbers).
// Everything streams; nothing buffers a whole layer.
import { Transform, type TransformCallback } from 'node:stream';
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

const GUNZIP_CHUNK = 1024 * 1024;
/** Compressed input gathered for each decoder write. */
const INPUT_BATCH = 1024 * 1024;

function corrupt(compression: Compression, error: Error): MalformedContentError {
  return error instanceof MalformedContentError
    ? error
    : new MalformedContentError(`${compression} data is corrupt: ${error.message}`);
}

/**
 * A Transform that looks at the first bytes, then decompresses the rest with gunzip or zstd, or
 * passes plain tar through. One stream stage: the decoder's output is pushed as it comes and the
 * decoder is paused while this stream's reader is behind, so back-pressure holds end to end.
 */
class AutoDecompressor extends Transform {
  private head: Buffer[] = [];
  private headSize = 0;
  private compression: Compression | undefined;
  private decoder: Transform | undefined;
  private input: Buffer[] = [];
  private inputBytes = 0;

  constructor(private readonly onDetect?: (compression: Compression) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.compression === undefined) {
      this.head.push(chunk);
      this.headSize += chunk.length;
      if (this.headSize < ZSTD_MAGIC.length) return callback();
      chunk = this.takeHead();
      this.start(detectCompression(chunk));
    }
    this.feed(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.compression === undefined) {
      const rest = this.takeHead();
      this.start(detectCompression(rest));
      if (rest.length > 0)
        return this.feed(rest, (error) => (error ? callback(error) : this.finishDecoder(callback)));
    }
    this.finishDecoder(callback);
  }

  override _read(size: number): void {
    if (this.decoder?.isPaused()) this.decoder.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.decoder?.destroy();
    callback(error);
  }

  private takeHead(): Buffer {
    const head = this.head.length === 1 ? this.head[0]! : Buffer.concat(this.head);
    this.head = [];
    return head;
  }

  private start(compression: Compression): void {
    this.compression = compression;
    this.onDetect?.(compression);
    if (compression === 'none') return;
    // Large output chunks: every stage after this one (diff ID hash, tar parser, file writes) pays per chunk.
    const decoder =
      compression === 'gzip' ? createGunzip({ chunkSize: GUNZIP_CHUNK }) : createZstdDecompressor();
    decoder.on('data', (out: Buffer) => {
      if (!this.push(out)) decoder.pause();
    });
    decoder.on('error', (error: Error) => this.destroy(corrupt(compression, error)));
    this.decoder = decoder;
  }

  private feed(chunk: Buffer, callback: TransformCallback): void {
    if (!this.decoder) return callback(null, chunk);
    // Network chunks (some 64 KiB) are gathered: each decoder write is a round trip to the
    // thread pool, and its output is one chunk for every later stage.
    this.input.push(chunk);
    this.inputBytes += chunk.length;
    if (this.inputBytes < INPUT_BATCH) return callback();
    this.writeInput(callback);
  }

  private writeInput(callback: TransformCallback): void {
    const input = this.input.length === 1 ? this.input[0]! : Buffer.concat(this.input, this.inputBytes);
    this.input = [];
    this.inputBytes = 0;
    // The decoder calls back once it has taken the input in (later while its output waits).
    this.decoder!.write(input, (error) => callback(error ? corrupt(this.compression!, error) : null));
  }

  private finishDecoder(callback: TransformCallback): void {
    const decoder = this.decoder;
    if (!decoder) return callback();
    if (this.inputBytes > 0)
      return this.writeInput((error) => (error ? callback(error) : this.finishDecoder(callback)));
    // Errors (a truncated stream) destroy this stream through the decoder's error listener.
    decoder.once('end', () => callback());
    decoder.end();
  }
}

/**
 * A stream that detects the compression from the first bytes, then decompresses gzip or zstd or
 * passes plain tar through.
 */
export function createAutoDecompressor(onDetect?: (compression: Compression) => void): Transform {
  return new AutoDecompressor(onDetect);
}
