// Unpacks one layer's tar stream into its own directory, treating the archive as hostile input:
//  - paths are relative, normalised, and never contain `..` (absolute paths and `..` are refused);
//  - every parent directory is checked with lstat and never followed if it is a symlink, so an
//    entry cannot write through a symlink the archive planted earlier (`evil -> /etc`, `evil/x`);
//  - every entry is created exclusively (O_EXCL|O_NOFOLLOW, symlink(2), mkdir(2) never follow or
//    overwrite the final component); only when something is already there (EEXIST: an earlier
//    entry of the same path) is it removed without following it, and the creation retried, so a
//    symlink at the destination is replaced, not followed;
//  - hard links must point at a file already extracted inside this layer (checked the same way);
//  - device nodes only when privileged; xattrs only from a safe list (never trusted.overlay.*).
// Whiteouts become overlay's own format: `.wh.<name>` a char device 0/0 at <name>, `.wh..wh..opq`
// the xattr trusted.overlay.opaque=y on its directory, so the layer can be an overlay lower dir.
import { constants as fsConstants, lchownSync, lutimesSync, statSync, symlinkSync } from 'node:fs';
import { chmod, chown, link, lstat, mkdir, open, rm, utimes, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { log } from '../util/logger.js';
import { inRootlessNamespace } from '../rootless/rootless-env.js';
import { UnsafeLayerError } from './image-errors.js';
import { applySpecialOperations, S_IFBLK, S_IFCHR, S_IFIFO, type SpecialOperation } from './special-files.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';
/** Other `.wh..wh.` names are aufs metadata (hard link dirs...), not content. */
const AUFS_META_PREFIX = '.wh..wh.';
export const OPAQUE_XATTR = 'trusted.overlay.opaque';
/** Extended attributes a layer may carry; anything else in a PAX header is ignored. */
const WRITE_BATCH_BYTES = 1024 * 1024;
const ALLOWED_XATTR = /^(security\.capability|user\..+|trusted\.(?!overlay\.).+)$/;

export interface ExtractOptions {
  /** Keep the archive's owners and create device nodes (running as root). */
  privileged: boolean;
}

/**
 * Rootless, inside Berth's user namespace (rootless/), callers pass privileged: false, yet chown
 * works there for every mapped ID: owners are kept, mapped through /etc/subuid as podman does.
 * What stays out of reach is what needs the host's root: real device nodes (skipped, as when
 * unprivileged) and trusted.* xattrs, so an opaque directory is marked with the user.* xattr that
 * overlay reads under its `userxattr` mount option (storage/overlay-mount.ts).
 */
function mappedOwners(options: ExtractOptions): boolean {
  return !options.privileged && inRootlessNamespace();
}

export const ROOTLESS_OPAQUE_XATTR = 'user.overlay.opaque';

export interface ExtractSummary {
  entries: number;
  whiteouts: number;
  opaqueDirectories: number;
  /** Device nodes left out because the extraction was not privileged. */
  skippedDevices: number;
}

interface DeferredDirectory {
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

/** Normalises an archive path to `a/b/c` (no leading `./`, no trailing `/`), refusing escapes. */
export function cleanArchivePath(name: string, what = 'entry'): string {
  if (name.startsWith('/'))
    throw new UnsafeLayerError(`layer ${what} "${name}" has an absolute path; refusing the layer`);
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..')
      throw new UnsafeLayerError(
        `layer ${what} "${name}" contains "..": it would escape the layer directory; refusing the layer`,
      );
    parts.push(part);
  }
  return parts.join('/');
}

class LayerWriter {
  private readonly knownDirectories = new Set<string>(['']);
  private readonly deferredDirectories = new Map<string, DeferredDirectory>();
  private readonly special: SpecialOperation[] = [];
  readonly summary: ExtractSummary = { entries: 0, whiteouts: 0, opaqueDirectories: 0, skippedDevices: 0 };

  /**
   * Owner changes that would change nothing are skipped: as root, what we create is already
   * owned by us (0:0) unless the layer directory is set-group-ID (its group would be inherited;
   * the directories we create inside get their modes only at the end, so none is meanwhile).
   */
  private readonly createdUid: number | undefined;
  private readonly createdGid: number | undefined;

  constructor(
    private readonly root: string,
    private readonly options: ExtractOptions,
  ) {
    this.keepOwners = options.privileged || mappedOwners(options);
    const inheritsGroup = this.keepOwners && (statSync(root).mode & 0o2000) !== 0;
    this.createdUid = this.keepOwners ? process.geteuid?.() : undefined;
    this.createdGid = this.keepOwners && !inheritsGroup ? process.getegid?.() : undefined;
    this.opaqueXattr = mappedOwners(options) ? ROOTLESS_OPAQUE_XATTR : OPAQUE_XATTR;
  }

  /** chown the archive's owners: as root, or rootless inside the user namespace. */
  private readonly keepOwners: boolean;
  private readonly opaqueXattr: string;

  private ownerChanges(header: tar.Header): boolean {
    return (header.uid ?? 0) !== this.createdUid || (header.gid ?? 0) !== this.createdGid;
  }

  /**
   * Runs `create` (which must fail with EEXIST rather than follow or overwrite); when something
   * is already at `rel`, removes it without following it and creates again.
   */
  private async createExclusive<T>(rel: string, create: () => Promise<T> | T): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await this.clearDestination(rel, false);
    return create();
  }

  private abs(rel: string): string {
    return rel === '' ? this.root : path.join(this.root, rel);
  }

  /** Makes sure every directory above `rel` is a real directory inside the layer, creating missing ones. */
  private async ensureParents(rel: string): Promise<void> {
    const parts = rel.split('/');
    let current = '';
    for (let i = 0; i < parts.length - 1; i++) {
      current = current === '' ? parts[i]! : `${current}/${parts[i]}`;
      if (this.knownDirectories.has(current)) continue;
      const info = await lstat(this.abs(current)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (info === undefined) {
        await mkdir(this.abs(current), { mode: 0o755 });
      } else if (info.isSymbolicLink()) {
        throw new UnsafeLayerError(
          `layer entry "${rel}" would be written through the symbolic link "${current}"; refusing the layer`,
        );
      } else if (!info.isDirectory()) {
        throw new UnsafeLayerError(
          `layer entry "${rel}" is below "${current}", which is not a directory; refusing the layer`,
        );
      }
      this.knownDirectories.add(current);
    }
  }

  /** Removes whatever is at `rel` (never following it), unless it is a directory we keep. */
  private async clearDestination(rel: string, keepDirectory: boolean): Promise<boolean> {
    const info = await lstat(this.abs(rel)).catch(() => undefined);
    if (!info) return false;
    if (keepDirectory && info.isDirectory()) return true;
    await rm(this.abs(rel), { recursive: true, force: true });
    for (const known of this.knownDirectories)
      if (known === rel || known.startsWith(`${rel}/`)) this.knownDirectories.delete(known);
    for (const known of this.deferredDirectories.keys())
      if (known === rel || known.startsWith(`${rel}/`)) this.deferredDirectories.delete(known);
    return false;
  }

  /**
   * A symbolic link's owner and time, synchronously: these are quick system calls, and a base
   * layer has hundreds of links (busybox's applets); through the thread pool each call cost a
   * round trip, and a 1 MB base layer finished last in a pull of 50 MB.
   */
  private setSymlinkOwnerTime(abs: string, header: tar.Header): void {
    if (this.keepOwners && this.ownerChanges(header)) lchownSync(abs, header.uid ?? 0, header.gid ?? 0);
    const mtime = header.mtime ?? new Date(0);
    lutimesSync(abs, mtime, mtime);
  }

  private async setFileOwnerModeTime(handle: FileHandle, header: tar.Header): Promise<void> {
    if (this.keepOwners && this.ownerChanges(header)) await handle.chown(header.uid ?? 0, header.gid ?? 0);
    // chmod after chown: chown clears set-id bits.
    await handle.chmod((header.mode ?? 0o644) & 0o7777);
    const mtime = header.mtime ?? new Date(0);
    await handle.utimes(mtime, mtime);
  }

  private queueXattrs(rel: string, header: tar.Header): void {
    const pax = (header as { pax?: Record<string, string> }).pax;
    if (!pax) return;
    for (const [key, value] of Object.entries(pax)) {
      if (!key.startsWith('SCHILY.xattr.')) continue;
      const name = key.slice('SCHILY.xattr.'.length);
      if (!ALLOWED_XATTR.test(name) || (!this.options.privileged && !name.startsWith('user.'))) {
        log.debug(`layer entry ${rel}: ignoring extended attribute ${name}`);
        continue;
      }
      // tar-stream decodes PAX values as UTF-8; binary values (capabilities) were written as latin1 bytes.
      this.special.push({ op: 'setxattr', path: this.abs(rel), name, value: Buffer.from(value, 'latin1') });
    }
  }

  async entry(header: tar.Header, body: AsyncIterable<Buffer> & { resume(): unknown }): Promise<void> {
    this.summary.entries++;
    const rel = cleanArchivePath(header.name);
    const base = path.posix.basename(rel);
    try {
      if (base.startsWith(WHITEOUT_PREFIX)) return await this.whiteout(rel, base);
      switch (header.type) {
        case 'directory':
          return await this.directory(rel, header);
        case 'file':
        case 'contiguous-file':
          return await this.file(rel, header, body);
        case 'symlink':
          return await this.symlink(rel, header);
        case 'link':
          return await this.hardlink(rel, header);
        case 'character-device':
        case 'block-device':
        case 'fifo':
          return await this.device(rel, header);
        default:
          log.debug(`layer entry ${rel}: skipping tar entry type ${header.type}`);
      }
    } finally {
      // Whatever the entry was, its data must be consumed for the archive to go on.
      body.resume();
    }
  }

  private async directory(rel: string, header: tar.Header): Promise<void> {
    const meta = {
      mode: header.mode ?? 0o755,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      mtime: header.mtime ?? new Date(0),
    };
    if (rel === '') {
      this.deferredDirectories.set('', meta);
      return;
    }
    await this.ensureParents(rel);
    try {
      await mkdir(this.abs(rel), { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A directory already there (an earlier entry) is kept; anything else is replaced.
      if (!(await this.clearDestination(rel, true))) await mkdir(this.abs(rel), { mode: 0o700 });
    }
    this.knownDirectories.add(rel);
    // Mode and times last: a read-only directory must still take its children, and writing
    // children changes its mtime.
    this.deferredDirectories.set(rel, meta);
    this.queueXattrs(rel, header);
  }

  private async file(rel: string, header: tar.Header, body: AsyncIterable<Buffer>): Promise<void> {
    if (rel === '')
      throw new UnsafeLayerError('layer has a file entry for its root directory; refusing the layer');
    await this.ensureParents(rel);
    const abs = this.abs(rel);
    // O_EXCL|O_NOFOLLOW: never open through a symlink, even one that appeared meanwhile.
    const flags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;
    const handle = await this.createExclusive(rel, () => open(abs, flags, 0o600));
    try {
      // Gathered into writes of about 1 MiB: one write per small chunk costs more than the copy.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) {
          await handle.writev(pending);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pending.length > 0) await handle.writev(pending);
      // Through the descriptor: the path is not looked up again.
      await this.setFileOwnerModeTime(handle, header);
    } finally {
      await handle.close();
    }
    this.queueXattrs(rel, header);
  }

  private async symlink(rel: string, header: tar.Header): Promise<void> {
    if (rel === '')
      throw new UnsafeLayerError('layer has a symbolic link for its root directory; refusing the layer');
    await this.ensureParents(rel);
    // The target is data: it may point anywhere, because it is never followed while extracting.
    // Created synchronously too (see setSymlinkOwnerTime); exclusive all the same.
    await this.createExclusive(rel, () => symlinkSync(header.linkname ?? '', this.abs(rel)));
    this.setSymlinkOwnerTime(this.abs(rel), header);
  }

  private async hardlink(rel: string, header: tar.Header): Promise<void> {
    const target = cleanArchivePath(header.linkname ?? '', 'hard link target');
    if (rel === '' || target === '')
      throw new UnsafeLayerError(
        `layer hard link "${header.name}" -> "${header.linkname}" is empty; refusing the layer`,
      );
    // The target's parents must be real directories inside the layer, like any written path.
    await this.ensureParents(target);
    const info = await lstat(this.abs(target)).catch(() => undefined);
    if (!info)
      throw new UnsafeLayerError(
        `layer hard link "${rel}" points at "${target}", which is not in this layer; refusing the layer`,
      );
    if (info.isDirectory())
      throw new UnsafeLayerError(
        `layer hard link "${rel}" points at the directory "${target}"; refusing the layer`,
      );
    if (target === rel) return;
    // A hard link to a device node not yet created must wait until it exists.
    if (this.special.some((o) => o.op === 'mknod' && o.path === this.abs(target))) await this.flushSpecial();
    await this.ensureParents(rel);
    await this.clearDestination(rel, false);
    await link(this.abs(target), this.abs(rel));
  }

  private async device(rel: string, header: tar.Header): Promise<void> {
    if (!this.options.privileged && header.type !== 'fifo') {
      this.summary.skippedDevices++;
      log.debug(`layer entry ${rel}: skipping a device node (not running as root)`);
      return;
    }
    await this.ensureParents(rel);
    await this.clearDestination(rel, false);
    const kind =
      header.type === 'character-device' ? S_IFCHR : header.type === 'block-device' ? S_IFBLK : S_IFIFO;
    this.special.push({
      op: 'mknod',
      path: this.abs(rel),
      mode: kind | ((header.mode ?? 0o644) & 0o7777),
      major: header.devmajor ?? 0,
      minor: header.devminor ?? 0,
      uid: this.options.privileged ? (header.uid ?? 0) : process.getuid!(),
      gid: this.options.privileged ? (header.gid ?? 0) : process.getgid!(),
      mtimeSeconds: Math.floor((header.mtime ?? new Date(0)).getTime() / 1000),
    });
  }

  private async whiteout(rel: string, base: string): Promise<void> {
    const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
    if (base === OPAQUE_WHITEOUT) {
      if (dir !== '') {
        await this.ensureParents(`${dir}/x`);
        if (!this.deferredDirectories.has(dir))
          this.deferredDirectories.set(dir, { mode: 0o755, uid: 0, gid: 0, mtime: new Date(0) });
      }
      this.summary.opaqueDirectories++;
      this.special.push({
        op: 'setxattr',
        path: this.abs(dir),
        name: this.opaqueXattr,
        value: Buffer.from('y'),
      });
      return;
    }
    if (base.startsWith(AUFS_META_PREFIX)) return;
    const name = base.slice(WHITEOUT_PREFIX.length);
    if (name === '' || name === '.' || name === '..')
      throw new UnsafeLayerError(`layer whiteout "${rel}" names no file; refusing the layer`);
    const hidden = dir === '' ? name : `${dir}/${name}`;
    await this.ensureParents(hidden);
    await this.clearDestination(hidden, false);
    this.summary.whiteouts++;
    this.special.push({
      op: 'mknod',
      path: this.abs(hidden),
      mode: S_IFCHR,
      major: 0,
      minor: 0,
      uid: 0,
      gid: 0,
      mtimeSeconds: 0,
    });
  }

  private async flushSpecial(): Promise<void> {
    const batch = this.special.splice(0);
    await applySpecialOperations(batch);
  }

  /** Device nodes and xattrs, then directory modes and times, deepest first. */
  async finish(): Promise<void> {
    await this.flushSpecial();
    const dirs = [...this.deferredDirectories.entries()].sort(
      (a, b) => b[0].split('/').length - a[0].split('/').length,
    );
    for (const [rel, meta] of dirs) {
      const abs = this.abs(rel);
      if (this.keepOwners && (meta.uid !== this.createdUid || meta.gid !== this.createdGid))
        await chown(abs, meta.uid, meta.gid);
      await chmod(abs, meta.mode & 0o7777);
      await utimes(abs, meta.mtime, meta.mtime);
    }
  }
}

/**
 * Extracts an uncompressed tar stream into `target` (an empty directory that exists). On error
 * the directory is left half-written: callers extract into a temporary directory and discard it.
 */
export async function extractLayer(
  tarStream: Readable,
  target: string,
  options: ExtractOptions,
): Promise<ExtractSummary> {
  const writer = new LayerWriter(target, options);
  const extract = tar.extract();
  let streamError: unknown;
  tarStream.on('error', (error) => {
    streamError ??= error;
    extract.destroy(error);
  });
  tarStream.pipe(extract);
  try {
    for await (const entry of extract)
      await writer.entry(entry.header, entry as unknown as AsyncIterable<Buffer> & { resume(): unknown });
  } catch (error) {
    tarStream.destroy();
    throw streamError ?? error;
  }
  if (streamError !== undefined) throw streamError;
  await writer.finish();
  return writer.summary;
}
