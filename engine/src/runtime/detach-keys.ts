// Detach keys (`--detach-keys`, default ctrl-p,ctrl-q): a key sequence in the attached stdin that
// ends the attach session and leaves the container running. Bytes that start the sequence are
// held back until it is clear whether the sequence follows; if not, they are passed on.

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

export class DetachKeysError extends Error {
  readonly exitCode = 125;
}

/**
 * Parses docker's format: comma-separated keys, each a single character or `ctrl-<x>` with x one
 * of a-z, @, [, \, ], ^, _. An empty string disables detaching.
 */
export function parseDetachKeys(spec: string): Buffer {
  if (spec === '') return Buffer.alloc(0);
  const bytes: number[] = [];
  for (const key of spec.split(',')) {
    const lower = key.toLowerCase();
    if (lower.startsWith('ctrl-') && key.length === 6) {
      const c = key[5]!.toLowerCase();
      if (c >= 'a' && c <= 'z') bytes.push(c.charCodeAt(0) - 'a'.charCodeAt(0) + 1);
      else if ('@[\\]^_'.includes(c)) bytes.push('@[\\]^_'.indexOf(c) === 0 ? 0 : 27 + '[\\]^_'.indexOf(c));
      else throw new DetachKeysError(`invalid detach key "${key}": use ctrl-<a-z, @, [, \\, ], ^ or _>`);
    } else if (key.length === 1) {
      bytes.push(key.charCodeAt(0));
    } else {
      throw new DetachKeysError(
        `invalid detach key "${key}": use a single character or ctrl-<key>, e.g. ctrl-p,ctrl-q`,
      );
    }
  }
  return Buffer.from(bytes);
}

export interface DetachScanResult {
  /** Bytes to send to the container. */
  forward: Buffer;
  /** The full sequence was typed: stop attaching (bytes after it are dropped). */
  detached: boolean;
}

/** Scans stdin chunks for the sequence across chunk boundaries. */
export class DetachKeyMatcher {
  private matched = 0;

  constructor(private readonly sequence: Buffer) {}

  scan(chunk: Buffer): DetachScanResult {
    if (this.sequence.length === 0) return { forward: chunk, detached: false };
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === this.sequence[this.matched]) {
        this.matched++;
        if (this.matched === this.sequence.length) return { forward: Buffer.from(out), detached: true };
        continue;
      }
      // The held prefix was not the sequence after all: pass it on, then look at this byte afresh.
      if (this.matched > 0) {
        out.push(...this.sequence.subarray(0, this.matched));
        this.matched = 0;
        if (byte === this.sequence[0]) {
          this.matched = 1;
          continue;
        }
      }
      out.push(byte);
    }
    return { forward: Buffer.from(out), detached: false };
  }
}
