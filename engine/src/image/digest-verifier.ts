// Verifies content against the digest that names it while it streams through: the bytes pass on
// untouched, and the stream fails at its end if the sha256 does not match (or the size differs
// from the descriptor's). Nothing downstream may treat the data as good until the stream ends.
// Without an expected digest (a tarball given to `import`) it only measures: `digest` is the
// content's sha256 once the stream has ended.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError } from './image-errors.js';

export interface VerifierOptions {
  /** undefined: measure only (the content has no name yet). */
  expectedDigest?: string;
  expectedSize?: number;
  /** Names the content in errors: "layer sha256:... of 127.0.0.1:5000/library/busybox". */
  what: string;
  onBytes?: (total: number) => void;
}

export interface DigestVerifier extends Transform {
  readonly bytes: number;
  /** `sha256:<hex>` of what went through, once the stream has ended. */
  readonly digest: string | undefined;
}

export function createDigestVerifier(options: VerifierOptions): DigestVerifier {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | undefined;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      bytes += chunk.length;
      if (options.expectedSize !== undefined && bytes > options.expectedSize) {
        callback(
          new DigestMismatchError(
            `${options.what}: received more than the ${options.expectedSize} bytes the manifest declares; the content was corrupted or tampered with on the way: retry the pull, and report it to the registry's owner if it persists`,
          ),
        );
        return;
      }
      options.onBytes?.(bytes);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = `sha256:${hash.digest('hex')}`;
      digest = actual;
      if (options.expectedSize !== undefined && bytes !== options.expectedSize) {
        callback(
          new DigestMismatchError(
            `${options.what}: received ${bytes} bytes, the manifest declares ${options.expectedSize}: the transfer was cut short or tampered with: retry the pull`,
          ),
        );
      } else if (options.expectedDigest !== undefined && actual !== options.expectedDigest) {
        callback(
          new DigestMismatchError(
            `${options.what}: digest mismatch: expected ${options.expectedDigest}, got ${actual}: the content was corrupted or tampered with on the way: retry the pull, and report it to the registry's owner if it persists`,
          ),
        );
      } else callback();
    },
  }) as DigestVerifier;
  Object.defineProperty(verifier, 'bytes', { get: () => bytes });
  Object.defineProperty(verifier, 'digest', { get: () => digest });
  return verifier;
}
