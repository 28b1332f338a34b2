// Copy-up: the first time a named volume is mounted over a directory of the container's image,
// the image's content there is copied into the (empty) volume, so `-v data:/var/lib/app` starts
// with what the image ships, as podman and docker do. Then the volume takes the owner and mode of
// that directory (podman's NeedsChown), so a non-root container can write to it.
//
// Safety: the source is opened with O_NOFOLLOW and walked by descriptor (tree-copy.ts), so no
// symlink in the image can lead the copy out of the source or the volume; a volume that is not
// empty is never copied into (CVE-2020-1726: content put there from outside wins).
import { closeSync, fchmodSync, fchownSync, fstatSync, readdirSync, type Stats } from 'node:fs';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { VolumeError, VolumeNotFoundError } from './volume-errors.js';
import { volumeLockName } from './volume-paths.js';
import { getVolumeRecord, updateVolumeState, type VolumeRecord } from './volume-records.js';
import { copyTreeContents, openDirectoryNoFollow, type TreeCopySummary } from './tree-copy.js';
import { copyExtendedAttributes, type XattrCopySummary } from './xattr-copy.js';

export interface CopyUpOptions {
  /** The container's user: the volume's owner when the image has no directory at the destination. */
  owner?: { uid: number; gid: number };
  /** `-v name:/dest:nocopy`: no copy-up for this mount. */
  nocopy?: boolean;
}

export interface CopyUpResult {
  /** Whether content was copied this time. */
  copied: boolean;
  summary?: TreeCopySummary;
  xattrs?: XattrCopySummary;
}

/** The source directory as a descriptor, or undefined when there is nothing to copy from. */
function openSource(sourceDir: string): number | undefined {
  try {
    return openDirectoryNoFollow(sourceDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined; // nothing there, or a file
    if (code === 'ELOOP') {
      log.warn(`not copying ${sourceDir} into a volume: it is a symbolic link, which copy-up never follows`);
      return undefined;
    }
    throw error;
  }
}

function isEmptyDirectory(fd: number): boolean {
  return readdirSync(`/proc/self/fd/${fd}`).length === 0;
}

function copyContent(
  store: Store,
  volume: VolumeRecord,
  source: number | undefined,
  target: number,
): CopyUpResult {
  if (source === undefined || isEmptyDirectory(source)) return { copied: false };
  if (!isEmptyDirectory(target)) return { copied: false };
  // Cleared before copying, as podman does: a failed copy is not retried into a half-filled volume.
  updateVolumeState(store.db, volume.name, { needsCopyUp: false, copiedUp: true });
  volume.needsCopyUp = false;
  volume.copiedUp = true;
  const summary = copyTreeContents(source, target);
  return { copied: true, summary, xattrs: copyExtendedAttributes(source, target) };
}

function chownLikeDestination(
  store: Store,
  volume: VolumeRecord,
  sourceStat: Stats | undefined,
  target: number,
  owner: CopyUpOptions['owner'],
): void {
  if (!volume.copiedUp && !isEmptyDirectory(target)) {
    // Data put there another way: leave its owner alone from now on.
    updateVolumeState(store.db, volume.name, { needsChown: false });
    return;
  }
  const uid = sourceStat?.uid ?? owner?.uid;
  const gid = sourceStat?.gid ?? owner?.gid;
  if (uid === undefined || gid === undefined) return;
  try {
    fchownSync(target, uid, gid);
    if (sourceStat) fchmodSync(target, sourceStat.mode & 0o7777);
  } catch (error) {
    if (process.getuid?.() === 0) throw error;
  }
  // After a copy-up the owner is final; root ownership is final too (podman's sticky 0:0).
  const done = volume.copiedUp || (uid === 0 && gid === 0);
  updateVolumeState(store.db, volume.name, { needsChown: !done, copiedUp: false });
}

/**
 * Fills the volume from `sourceDir` (the mount destination inside the container's mounted root
 * filesystem, resolved by the caller) if the volume still needs it and is empty, then gives the
 * volume the destination's owner and mode. Safe to call on every start: it does nothing once done.
 */
export async function copyUpVolume(
  store: Store,
  name: string,
  sourceDir: string,
  options: CopyUpOptions = {},
): Promise<CopyUpResult> {
  return withLock(store.db, volumeLockName(name), () => {
    const volume = getVolumeRecord(store.db, name);
    if (!volume) throw new VolumeNotFoundError(name);
    const wantsCopy = volume.needsCopyUp && !options.nocopy && !Object.hasOwn(volume.options, 'nocopy');
    if (!wantsCopy && !volume.needsChown) return { copied: false };
    const source = openSource(sourceDir);
    let target: number | undefined;
    try {
      target = openDirectoryNoFollow(volume.mountpoint);
      const result = wantsCopy ? copyContent(store, volume, source, target) : { copied: false };
      if (volume.needsChown)
        chownLikeDestination(
          store,
          volume,
          source === undefined ? undefined : fstatSync(source),
          target,
          options.owner,
        );
      return result;
    } catch (error) {
      if (error instanceof VolumeError) throw error;
      throw new VolumeError(
        `copying the image content at ${sourceDir} into volume ${name}: ${(error as Error).message}`,
        { cause: error },
      );
    } finally {
      if (source !== undefined) closeSync(source);
      if (target !== undefined) closeSync(target);
    }
  });
}
