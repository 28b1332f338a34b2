// Random access to an image archive (docker-archive, oci-archive) or directory (oci-dir,
// docker-dir) that `load` must treat as hostile. An archive is read once, front to back, and each
// regular file is spooled to a numbered file in a private temporary folder: nothing is ever
// written at a name the archive chose, so no entry can land outside that folder whatever its
// name, and names that try (absolute, `..`, links leaving the archive) refuse the whole archive.
// Symbolic and hard links are resolved inside the archive's own namespace, never the disk's.
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { createAutoDecompressor } from './decompress.js';
import { MalformedContentError, UnsafeLayerError } from './image-errors.js';
import { cleanArchivePath } from './layer-extract.js';
import { tempPath } from './temp-files.js';

const MAX_LINK_HOPS = 16;

export interface ArchiveSource {
  /** Names the input in messages. */
  readonly what: string;
  has(name: string): boolean;
  size(name: string): number;
  /** A small file (manifest, config, index), refused when larger than `limit`. */
  read(name: string, limit?: number): Buffer;
  open(name: string): Readable;
  close(): void;
}

type SpooledEntry = { kind: 'file'; file: string; size: number } | { kind: 'link'; target: string };

const SMALL_LIMIT = 16 * 1024 * 1024;

function tooLarge(what: string, name: string, limit: number): MalformedContentError {
  return new MalformedContentError(`${what}: ${name} is larger than ${limit} bytes; refusing it`);
}

class SpooledArchive implements ArchiveSource {
  constructor(
    readonly what: string,
    private readonly dir: string,
    private readonly entries: Map<string, SpooledEntry>,
  ) {}

  private resolve(name: string): { file: string; size: number } {
    let current = archiveName(this.what, name);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const entry = this.entries.get(current);
      if (!entry)
        throw new MalformedContentError(`${this.what}: it has no ${name}: the archive is incomplete`);
      if (entry.kind === 'file') return entry;
      current = entry.target;
    }
    throw new UnsafeLayerError(`${this.what}: ${name} is a loop of links; refusing the archive`);
  }

  has(name: string): boolean {
    try {
      this.resolve(name);
      return true;
    } catch {
      return false;
    }
  }

  size(name: string): number {
    return this.resolve(name).size;
  }

  read(name: string, limit = SMALL_LIMIT): Buffer {
    const entry = this.resolve(name);
    if (entry.size > limit) throw tooLarge(this.what, name, limit);
    return readFileSync(entry.file);
  }

  open(name: string): Readable {
    return createReadStream(this.resolve(name).file, { highWaterMark: 1024 * 1024 });
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Where a link in the archive points, as an archive name; refuses links that leave the archive. */
function linkTarget(what: string, from: string, target: string, symbolic: boolean): string {
  if (target.startsWith('/'))
    throw new UnsafeLayerError(`${what}: link ${from} -> ${target} is absolute; refusing the archive`);
  const joined = symbolic ? path.posix.join(path.posix.dirname(from), target) : target;
  const normalized = path.posix.normalize(joined);
  if (normalized === '..' || normalized.startsWith('../'))
    throw new UnsafeLayerError(`${what}: link ${from} -> ${target} leaves the archive; refusing the archive`);
  return archiveName(what, normalized);
}

/** An entry's name as a clean relative path; absolute names and `..` refuse the archive. */
function archiveName(what: string, name: string): string {
  try {
    return cleanArchivePath(name);
  } catch {
    throw new UnsafeLayerError(
      `${what}: entry "${name}" would land outside the archive (absolute path or ".."): refusing the archive; it was not written anywhere`,
    );
  }
}

/** Reads a tar stream (plain, gzip or zstd) into a private spool folder under `tmpDir`. */
export async function spoolArchive(input: Readable, tmpDir: string, what: string): Promise<ArchiveSource> {
  const dir = tempPath(tmpDir, 'load');
  mkdirSync(dir, { mode: 0o700 });
  const entries = new Map<string, SpooledEntry>();
  const extract = tar.extract();
  let count = 0;
  const reading = pipeline(input, createAutoDecompressor(), extract);
  // Awaited below on success; on an early failure it must not surface as an unhandled rejection.
  reading.catch(() => {});
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const name = archiveName(what, header.name);
      if (header.type === 'file' || header.type === 'contiguous-file') {
        const file = path.join(dir, `f${count++}`);
        await pipeline(entry, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
        entries.set(name, { kind: 'file', file, size: header.size ?? 0 });
        continue;
      }
      if (header.type === 'symlink' || header.type === 'link')
        entries.set(name, {
          kind: 'link',
          target: linkTarget(what, name, header.linkname ?? '', header.type === 'symlink'),
        });
      // Directories, devices and the like carry nothing an image needs: skipped, never created.
      entry.resume();
    }
    await reading;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof UnsafeLayerError || error instanceof MalformedContentError) throw error;
    throw new MalformedContentError(
      `${what} is not a readable tar archive (${(error as Error).message}): check the file`,
      {
        cause: error,
      },
    );
  }
  return new SpooledArchive(what, dir, entries);
}

/** An image layout in a directory (oci-dir, docker-dir): files read in place, never outside it. */
export class DirectorySource implements ArchiveSource {
  private readonly root: string;

  constructor(
    dir: string,
    readonly what = dir,
  ) {
    this.root = realpathSync(dir);
  }

  private resolve(name: string): string {
    const inside = path.join(this.root, archiveName(this.what, name));
    let real: string;
    try {
      real = realpathSync(inside);
    } catch {
      throw new MalformedContentError(`${this.what}: it has no ${name}: the layout is incomplete`);
    }
    if (!real.startsWith(`${this.root}${path.sep}`))
      throw new UnsafeLayerError(`${this.what}: ${name} leads outside the folder; refusing it`);
    return real;
  }

  has(name: string): boolean {
    try {
      return statSync(this.resolve(name)).isFile();
    } catch {
      return false;
    }
  }

  size(name: string): number {
    return statSync(this.resolve(name)).size;
  }

  read(name: string, limit = SMALL_LIMIT): Buffer {
    const file = this.resolve(name);
    if (statSync(file).size > limit) throw tooLarge(this.what, name, limit);
    return readFileSync(file);
  }

  open(name: string): Readable {
    return createReadStream(this.resolve(name), { highWaterMark: 1024 * 1024 });
  }

  close(): void {
    // The folder is the user's.
  }
}
