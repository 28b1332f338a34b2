// Writes a tar stream into a directory for `cp`, with every path resolved the way the container
// would see it but never outside `root`: each entry's parent is resolved with resolveInRootfs
// (symlinks followed, `/` and `..` clamped at `root`), and its last component is created fresh
// (O_EXCL | O_NOFOLLOW), never written through an existing link. The stream is untrusted: `..`
// in a name is refused, hard links must point at something inside `root`, device nodes are left
// out. `root` is the container's rootfs (copying in) or the host destination directory (copying
// out: the container's archive must not write through links it brings along either).
import { constants as fsConstants } from 'node:fs';
import {
  chmod,
  chown,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  open,
  rm,
  symlink,
  utimes,
} from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { resolveInRootfs } from '../runtime/rootfs-path.js';

export class CopyError extends Error {
  readonly exitCode = 125;
}

export interface CopyExtractOptions {
  /** The directory nothing may be written outside of. */
  root: string;
  /** Where the archive's root lands, as a path inside `root` ('/' for root itself). */
  destination: string;
  /** Owner for everything written; undefined keeps the archive's owners. */
  owner?: { uid: number; gid: number };
  /** Replace a directory by a non-directory and the reverse (--overwrite). */
  overwrite: boolean;
  /** Names the destination in errors, e.g. `container web` or `the host`. */
  where: string;
}

const WRITE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;

/** `a/./b/` -> `a/b`; a leading `/` is dropped (as tar does); any `..` is refused. */
export function cleanEntryName(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..')
      throw new CopyError(
        `the archive entry "${name}" contains "..": it would write outside the destination; refusing the archive`,
      );
    parts.push(part);
  }
  return parts.join('/');
}

interface DirectoryMeta {
  host: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

class CopyWriter {
  private readonly directories: DirectoryMeta[] = [];
  entries = 0;
  skipped = 0;

  constructor(private readonly options: CopyExtractOptions) {}

  /** Host path of a container path, resolved inside root. */
  private resolve(containerPath: string): string {
    return resolveInRootfs(this.options.root, containerPath);
  }

  private owner(header: tar.Header): { uid: number; gid: number } {
    return this.options.owner ?? { uid: header.uid ?? 0, gid: header.gid ?? 0 };
  }

  /** The host path for an entry: its parent resolved (and created), its own name not followed. */
  private async place(rel: string): Promise<{ host: string; shown: string }> {
    const shown = path.posix.join(this.options.destination, rel);
    const parent = this.resolve(path.posix.dirname(shown));
    await this.ensureDirectory(parent, shown);
    return { host: path.join(parent, path.posix.basename(shown)), shown };
  }

  private async ensureDirectory(host: string, shown: string): Promise<void> {
    const info = await lstat(host).catch(() => undefined);
    if (info?.isDirectory()) return;
    if (info)
      throw new CopyError(
        `cannot copy "${shown}" into ${this.options.where}: a parent of it is not a directory`,
      );
    // Missing parents (an archive need not list them): resolved above, so no link is among them.
    await mkdir(host, { recursive: true, mode: 0o755 });
  }

  /** Clears the way for a new entry; true when an existing directory is kept. */
  private async clear(host: string, shown: string, isDirectory: boolean): Promise<boolean> {
    const info = await lstat(host).catch(() => undefined);
    if (!info) return false;
    if (info.isDirectory() && isDirectory) return true;
    if (info.isDirectory() !== isDirectory && !this.options.overwrite)
      throw new CopyError(
        info.isDirectory()
          ? `cannot overwrite directory "${shown}" with non-directory: use --overwrite to replace it`
          : `cannot overwrite non-directory "${shown}" with directory: use --overwrite to replace it`,
      );
    await rm(host, { recursive: true, force: true });
    return false;
  }

  async entry(header: tar.Header, body: AsyncIterable<Buffer>): Promise<void> {
    this.entries++;
    const rel = cleanEntryName(header.name);
    const owner = this.owner(header);
    const mtime = header.mtime ?? new Date();
    if (rel === '') {
      // The archive's root directory: the destination itself, which exists.
      if (header.type === 'directory') return;
      throw new CopyError('the archive has a non-directory entry for its root; refusing the archive');
    }
    const { host, shown } = await this.place(rel);
    switch (header.type) {
      case 'directory': {
        if (!(await this.clear(host, shown, true))) await mkdir(host, { mode: 0o700 });
        this.directories.push({ host, mode: header.mode ?? 0o755, ...owner, mtime });
        return;
      }
      case 'file':
      case 'contiguous-file': {
        await this.clear(host, shown, false);
        const handle = await open(host, WRITE_FLAGS, 0o600);
        try {
          for await (const chunk of body) await handle.write(chunk);
        } finally {
          await handle.close();
        }
        await chown(host, owner.uid, owner.gid);
        await chmod(host, (header.mode ?? 0o644) & 0o7777);
        await utimes(host, mtime, mtime);
        return;
      }
      case 'symlink': {
        await this.clear(host, shown, false);
        // The target is data: it is never followed here, and resolved inside root when used.
        await symlink(header.linkname ?? '', host);
        await lchown(host, owner.uid, owner.gid);
        await lutimes(host, mtime, mtime);
        return;
      }
      case 'link': {
        const targetRel = cleanEntryName(header.linkname ?? '');
        const target = this.resolve(path.posix.join(this.options.destination, targetRel));
        const info = await lstat(target).catch(() => undefined);
        if (!info || info.isDirectory())
          throw new CopyError(
            `the archive's hard link "${header.name}" points at "${header.linkname}", which is not a file it brought; refusing the archive`,
          );
        await this.clear(host, shown, false);
        await link(target, host);
        return;
      }
      default:
        // Device nodes, FIFOs and the rest: cp carries files, not devices.
        this.skipped++;
    }
  }

  /** Directory modes and times last (children change a directory's mtime), deepest first. */
  async finish(): Promise<void> {
    const byDepth = [...this.directories].sort((a, b) => b.host.length - a.host.length);
    for (const dir of byDepth) {
      await chown(dir.host, dir.uid, dir.gid);
      await chmod(dir.host, dir.mode & 0o7777);
      await utimes(dir.host, dir.mtime, dir.mtime);
    }
  }
}

/** Extracts `tarStream` under `destination` inside `root`. */
export async function extractForCopy(
  tarStream: Readable,
  options: CopyExtractOptions,
): Promise<{ entries: number; skipped: number }> {
  const writer = new CopyWriter(options);
  const extract = tar.extract();
  let streamError: unknown;
  tarStream.on('error', (error) => {
    streamError ??= error;
    extract.destroy(error);
  });
  tarStream.pipe(extract);
  try {
    for await (const entry of extract) {
      try {
        await writer.entry(entry.header, entry as unknown as AsyncIterable<Buffer>);
      } finally {
        entry.resume();
      }
    }
  } catch (error) {
    tarStream.destroy();
    const cause = streamError ?? error;
    if (cause instanceof CopyError) throw cause;
    throw new CopyError(`copying into ${options.where}: ${(cause as Error).message}`, { cause });
  }
  if (streamError !== undefined) throw streamError;
  await writer.finish();
  return { entries: writer.entries, skipped: writer.skipped };
}
