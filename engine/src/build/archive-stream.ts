// The tar stream inside a local archive ADD unpacks. Docker's ADD takes plain, gzip, bzip2 and xz
// tars; Berth adds zstd. gzip and zstd decompress in-process (the image code's decompressor);
// bzip2 and xz, which no layer format uses, through the system's bzip2/xz tools (xz-utils and
// bzip2 are on every Debian system) rather than a JavaScript port.
import { spawn } from 'node:child_process';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createAutoDecompressor } from '../image/decompress.js';

export type ArchiveKind = 'tar' | 'gzip' | 'zstd' | 'bzip2' | 'xz';

/** The archive kind from the file's first bytes, or undefined when it is not one ADD unpacks. */
export function archiveKind(file: string): ArchiveKind | undefined {
  const head = Buffer.alloc(262);
  let length: number;
  try {
    const fd = openSync(file, 'r');
    try {
      length = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])))
    return 'xz';
  if (
    length >= 4 &&
    head.subarray(0, 3).toString('latin1') === 'BZh' &&
    /[1-9]/.test(String.fromCharCode(head[3]!))
  )
    return 'bzip2';
  if (length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/** The decompressed tar bytes of `file`; a failure of the decompressor errors the stream. */
export function openArchive(file: string, kind: ArchiveKind): Readable {
  if (kind === 'bzip2' || kind === 'xz') {
    const tool = kind === 'xz' ? 'xz' : 'bzip2';
    const out = new PassThrough();
    const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) =>
      out.destroy(
        new Error(
          `cannot unpack ${path.basename(file)}: ${tool} is not available (${error.message}): install ${kind === 'xz' ? 'xz-utils' : 'bzip2'}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code !== 0)
        out.destroy(
          new Error(
            `cannot unpack ${path.basename(file)}: ${tool} -dc failed: ${stderr.trim() || `exit ${code}`}`,
          ),
        );
    });
    pipeline(createReadStream(file), child.stdin, () => undefined);
    child.stdout.pipe(out);
    return out;
  }
  const out = new PassThrough();
  pipeline(createReadStream(file), createAutoDecompressor(), out, () => undefined);
  return out;
}
