// Streams a file tree as a tar archive (cp out of a container, export, commit). Nothing is followed:
// symlinks are archived as links, hard links within the tree as tar hard links, so the archive is
// the tree as it is on disk. Files of a running container may change while they are read: each
// file's entry carries the size seen at lstat, and exactly that many bytes go out (cut or padded),
// so a growing log cannot corrupt the archive.
// For commit, overlay's own whiteouts (a char device 0/0, a directory with the opaque xattr) are
// written in the OCI form every image tool reads: `.wh.<name>` and `<dir>/.wh..wh..opq`.
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, pipeline, Transform, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { getXattrs } from '../image/special-files.js';
import { OPAQUE_WHITEOUT, OPAQUE_XATTR, WHITEOUT_PREFIX } from '../image/layer-extract.js';

/** What an entry needs: a name, the rest as tar-stream defaults it. */
type EntryHeader = Partial<tar.Header> & Pick<tar.Header, 'name'>;

export interface PackTreeOptions {
  /** Host path of the file or directory to archive (not followed if it is a symlink). */
  source: string;
  /** Entry name of `source` itself; '' puts a directory's contents at the archive's root. */
  name: string;
  /** Leaves out a path (relative to `source`, '/'-separated) and everything under it. */
  skip?: (rel: string) => boolean;
  /** Translate overlay whiteouts into OCI whiteout entries (commit of an upper dir). */
  ociWhiteouts?: boolean;
}

/** A char device 0/0: how overlayfs marks a deleted file in an upper dir. */
export function isOverlayWhiteout(stats: Stats): boolean {
  return stats.isCharacterDevice() && stats.rdev === 0;
}

/** Relative paths of every directory in `root` (including '' for root itself). */
async function listDirectories(root: string, skip?: (rel: string) => boolean): Promise<string[]> {
  const found: string[] = [''];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory() && !skip?.(child)) {
        found.push(child);
        stack.push(child);
      }
    }
  }
  return found;
}

/** Directories (relative to `root`) that overlayfs marks opaque. */
export async function opaqueDirectories(root: string, skip?: (rel: string) => boolean): Promise<Set<string>> {
  const dirs = await listDirectories(root, skip);
  const values = await getXattrs(
    dirs.map((d) => path.join(root, d)),
    OPAQUE_XATTR,
  );
  return new Set(dirs.filter((_, i) => values[i]?.toString() === 'y'));
}

function exactly(size: number): Transform {
  let sent = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const room = size - sent;
      if (room <= 0) return done();
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      sent += part.length;
      done(null, part);
    },
    flush(done) {
      // The file shrank after lstat: pad so that the entry keeps its announced size.
      if (sent < size) this.push(Buffer.alloc(size - sent));
      done();
    },
  });
}

class TreePacker {
  private readonly hardLinks = new Map<string, string>();
  private opaque = new Set<string>();

  constructor(
    private readonly pack: tar.Pack,
    private readonly options: PackTreeOptions,
  ) {}

  private entryName(rel: string): string {
    const { name } = this.options;
    if (rel === '') return name;
    return name === '' ? rel : `${name}/${rel}`;
  }

  private add(header: EntryHeader, body?: Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.pack.entry(header, body ?? Buffer.alloc(0), (e) => (e ? reject(e) : resolve())),
    );
  }

  private streamFile(header: EntryHeader, file: string, size: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = this.pack.entry(header, (e) => (e ? reject(e) : resolve()));
      const source =
        size === 0
          ? (new PassThrough().end() as Readable)
          : createReadStream(file, { start: 0, end: size - 1, highWaterMark: 1024 * 1024 });
      pipeline(source, exactly(size), entry, (e) => {
        if (e) reject(e);
      });
    });
  }

  async run(): Promise<void> {
    if (this.options.ociWhiteouts)
      this.opaque = await opaqueDirectories(this.options.source, this.options.skip);
    await this.visit('');
  }

  private async visit(rel: string): Promise<void> {
    const host = rel === '' ? this.options.source : path.join(this.options.source, rel);
    let stats: Stats;
    try {
      stats = await lstat(host);
    } catch (error) {
      // Removed meanwhile (a running container's temp file): nothing to archive.
      if (rel !== '' && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const name = this.entryName(rel);
    const base: EntryHeader = {
      name,
      mode: stats.mode & 0o7777,
      uid: stats.uid,
      gid: stats.gid,
      mtime: stats.mtime,
    };
    if (stats.isDirectory()) {
      if (name !== '') await this.add({ ...base, name: `${name}/`, type: 'directory' });
      if (this.options.ociWhiteouts && this.opaque.has(rel)) {
        const marker = name === '' ? OPAQUE_WHITEOUT : `${name}/${OPAQUE_WHITEOUT}`;
        await this.add({ name: marker, mode: 0o644, uid: 0, gid: 0, mtime: stats.mtime });
      }
      const children = (await readdir(host).catch(() => [] as string[])).sort();
      for (const child of children) {
        const childRel = rel === '' ? child : `${rel}/${child}`;
        if (this.options.skip?.(childRel)) continue;
        await this.visit(childRel);
      }
      return;
    }
    if (this.options.ociWhiteouts && isOverlayWhiteout(stats)) {
      const dir = path.posix.dirname(name);
      const whiteout = `${WHITEOUT_PREFIX}${path.posix.basename(name)}`;
      await this.add({
        name: dir === '.' ? whiteout : `${dir}/${whiteout}`,
        mode: 0o644,
        uid: 0,
        gid: 0,
        mtime: stats.mtime,
      });
      return;
    }
    if (stats.isSymbolicLink()) {
      await this.add({ ...base, type: 'symlink', linkname: await readlink(host) });
      return;
    }
    if (stats.isFile()) {
      if (stats.nlink > 1) {
        const key = `${stats.dev}:${stats.ino}`;
        const first = this.hardLinks.get(key);
        if (first !== undefined) {
          await this.add({ ...base, type: 'link', linkname: first });
          return;
        }
        this.hardLinks.set(key, name);
      }
      await this.streamFile({ ...base, type: 'file', size: stats.size }, host, stats.size);
      return;
    }
    if (stats.isFIFO()) {
      await this.add({ ...base, type: 'fifo' });
      return;
    }
    if (stats.isCharacterDevice() || stats.isBlockDevice()) {
      const major = Number((BigInt(stats.rdev) >> 8n) & 0xfffn);
      const minor = Number((BigInt(stats.rdev) & 0xffn) | ((BigInt(stats.rdev) >> 12n) & ~0xffn));
      await this.add({
        ...base,
        type: stats.isCharacterDevice() ? 'character-device' : 'block-device',
        devmajor: major,
        devminor: minor,
      });
    }
    // Sockets are not archivable (tar has no type for them): left out, as tar does.
  }
}

/** The tree as an uncompressed tar stream; errors while walking destroy the stream. */
export function packTree(options: PackTreeOptions): Readable {
  const pack = tar.pack();
  const packer = new TreePacker(pack, options);
  packer.run().then(
    () => pack.finalize(),
    (error: Error) => pack.destroy(error),
  );
  return pack as unknown as Readable;
}
