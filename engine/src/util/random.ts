// Random IDs and picks from the kernel's generator, read from /dev/urandom (the source node:crypto
// itself is seeded from). Loading node:crypto costs every command that creates something ~3.5 ms
// of start-up, on the way to the container's start, for 32 random bytes. Where /dev/urandom
// cannot be read (not Linux), node:crypto answers.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

const require = createRequire(import.meta.url);

/** `length` random bytes. */
export function randomBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    let filled = 0;
    while (filled < length) filled += readSync(fd, bytes, filled, length - filled, null);
    return bytes;
  } catch {
    return (require('node:crypto') as typeof Crypto).randomBytes(length);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A random integer in [min, max) (or [0, min) when max is left out), without modulo bias. */
export function randomInt(min: number, max?: number): number {
  const [low, high] = max === undefined ? [0, min] : [min, max];
  const range = high - low;
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || range <= 0 || range > 2 ** 32)
    throw new RangeError(`randomInt: [${low}, ${high}) is not a range of up to 2^32 integers`);
  // Values at or above the largest multiple of `range` below 2^32 are drawn again.
  const limit = 2 ** 32 - (2 ** 32 % range);
  for (;;) {
    const value = randomBytes(4).readUInt32LE(0);
    if (value < limit) return low + (value % range);
  }
}
