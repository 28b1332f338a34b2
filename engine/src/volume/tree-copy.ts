// Copies a directory tree without ever following a symbolic link, on either side. Node has no
// openat(), so every step goes through /proc/self/fd/<fd>/<name>: the kernel resolves the
// descriptor of a directory we already opened (never a path that could have been swapped) and
// then one name inside it, opened with O_NOFOLLOW. Symlinks are copied as symlinks, entries are
// created with O_EXCL / mkdir so an existing entry in the target (a planted symlink) is an error,
// not a door; source files are opened O_NONBLOCK and checked with fstat so a swapped-in FIFO
// cannot hang the copy. Owners, modes (setuid included) and times are kept; hard links become
// separate files; device nodes, FIFOs and sockets are skipped (a volume's image content has none).
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  futimesSync,
  lchownSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { log } from '../util/logger.js';

const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const SOURCE_FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const TARGET_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const BUFFER_SIZE = 1024 * 1024;

export interface TreeCopySummary {
  files: number;
  directories: number;
  symlinks: number;
  bytes: number;
  skipped: string[];
}

export class TreeCopyError extends Error {}

/** Names travel as bytes: a file name need not be valid UTF-8. */
function at(fd: number, name?: Buffer): Buffer {
  const dir = Buffer.from(`/proc/self/fd/${fd}`);
  return name === undefined ? dir : Buffer.concat([dir, Buffer.from('/'), name]);
}

/** Opens a directory refusing symlinks: the returned descriptor is what all later steps use. */
export function openDirectoryNoFollow(path: string): number {
  return openSync(path, DIRECTORY_FLAGS);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

/** chown that tolerates EPERM when we are not root (a rootless copy keeps our own ownership). */
function keepOwner(apply: () => void): void {
  try {
    apply();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'EPERM' || code === 'EINVAL') && process.getuid?.() !== 0) return;
    throw error;
  }
}

function copyFileData(source: number, target: number, buffer: Buffer): number {
  let total = 0;
  while (true) {
    const n = readSync(source, buffer, 0, buffer.length, null);
    if (n === 0) return total;
    let offset = 0;
    while (offset < n) offset += writeSync(target, buffer, offset, n - offset);
    total += n;
  }
}

class TreeCopier {
  readonly summary: TreeCopySummary = { files: 0, directories: 0, symlinks: 0, bytes: 0, skipped: [] };
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);

  copyDirectoryContents(sourceFd: number, targetFd: number, relative: string): void {
    for (const name of readdirSync(at(sourceFd), { encoding: 'buffer' })) {
      const rel = relative === '' ? name.toString() : `${relative}/${name.toString()}`;
      const stat = lstatSync(at(sourceFd, name));
      if (stat.isDirectory()) this.copyDirectory(sourceFd, targetFd, name, stat, rel);
      else if (stat.isFile()) this.copyFile(sourceFd, targetFd, name, stat, rel);
      else if (stat.isSymbolicLink()) this.copySymlink(sourceFd, targetFd, name, stat);
      else {
        this.summary.skipped.push(rel);
        log.debug(`copy-up skips ${rel}: device nodes, FIFOs and sockets are not copied into volumes`);
      }
    }
  }

  private copyDirectory(sourceFd: number, targetFd: number, name: Buffer, stat: Stats, rel: string): void {
    const source = openSync(at(sourceFd, name), DIRECTORY_FLAGS);
    try {
      if (!sameFile(fstatSync(source), stat)) throw new TreeCopyError(`${rel} changed while it was copied`);
      mkdirSync(at(targetFd, name), { mode: 0o700 });
      const target = openSync(at(targetFd, name), DIRECTORY_FLAGS);
      try {
        this.copyDirectoryContents(source, target, rel);
        keepOwner(() => fchownSync(target, stat.uid, stat.gid));
        fchmodSync(target, stat.mode & 0o7777);
        futimesSync(target, stat.atimeMs / 1000, stat.mtimeMs / 1000);
        this.summary.directories++;
      } finally {
        closeSync(target);
      }
    } finally {
      closeSync(source);
    }
  }

  private copyFile(sourceFd: number, targetFd: number, name: Buffer, stat: Stats, rel: string): void {
    const source = openSync(at(sourceFd, name), SOURCE_FILE_FLAGS);
    try {
      const opened = fstatSync(source);
      if (!opened.isFile() || !sameFile(opened, stat))
        throw new TreeCopyError(`${rel} changed while it was copied`);
      const target = openSync(at(targetFd, name), TARGET_FILE_FLAGS, 0o600);
      try {
        this.summary.bytes += copyFileData(source, target, this.buffer);
        // Owner before mode: chown clears setuid/setgid bits.
        keepOwner(() => fchownSync(target, stat.uid, stat.gid));
        fchmodSync(target, stat.mode & 0o7777);
        futimesSync(target, stat.atimeMs / 1000, stat.mtimeMs / 1000);
        this.summary.files++;
      } finally {
        closeSync(target);
      }
    } finally {
      closeSync(source);
    }
  }

  private copySymlink(sourceFd: number, targetFd: number, name: Buffer, stat: Stats): void {
    // The link's text is copied as it is; it is never resolved here.
    const linkTarget = readlinkSync(at(sourceFd, name), { encoding: 'buffer' });
    const targetPath = at(targetFd, name);
    symlinkSync(linkTarget, targetPath);
    keepOwner(() => lchownSync(targetPath, stat.uid, stat.gid));
    lutimesSync(targetPath, stat.atimeMs / 1000, stat.mtimeMs / 1000);
    this.summary.symlinks++;
  }
}

/**
 * Copies the contents of the directory open as `sourceFd` into the directory open as `targetFd`
 * (both opened with openDirectoryNoFollow). Fails on the first entry that already exists.
 */
export function copyTreeContents(sourceFd: number, targetFd: number): TreeCopySummary {
  const copier = new TreeCopier();
  copier.copyDirectoryContents(sourceFd, targetFd, '');
  return copier.summary;
}
