// `cp` between a container and the host, in both directions, on running and stopped containers
// (see container-rootfs-access.ts for the mount). Paths in the container are resolved inside its
// rootfs, symlinks included (resolveInRootfs): `/etc -> /host/etc` or `../../..` lead back into the
// container, never out. Both directions are one archive streamed from the source tree into a
// contained extraction (copy-extract.ts), so a `-` tar stream is just another source or sink.
// Destination rules are docker's and podman's: into an existing directory under the source's
// name, onto a new name whose parent exists, a directory's contents with `SRC/.`.
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolveInRootfs } from '../runtime/rootfs-path.js';
import { resolveUser } from '../runtime/user-resolve.js';
import type { Store } from '../state/store.js';
import { withContainerRootfs } from './container-rootfs-access.js';
import { CopyError, extractForCopy } from './copy-extract.js';
import { packTree } from './tree-archive.js';

export { CopyError } from './copy-extract.js';

export interface CopyOptions {
  /** Into a container: own the files by the container's user (default); else by the caller. */
  archive?: boolean;
  /** Replace directories by non-directories and the reverse. */
  overwrite?: boolean;
}

function statOrUndefined(file: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(file) : lstatSync(file);
  } catch {
    return undefined;
  }
}

/** `dir/.`: the directory's contents rather than the directory. */
function contentsOnly(p: string): boolean {
  return p === '.' || p.endsWith('/.');
}

/** The container path of a host path inside the rootfs. */
function containerPathOf(rootfs: string, host: string): string {
  return `/${path.relative(rootfs, host)}`;
}

interface Placement {
  /** Where the archive's root lands. */
  destination: string;
  /** Entry name of the source inside the archive ('' = a directory's contents). */
  name: string;
}

/**
 * Decides where a source goes given what exists at the destination (`exists` follows links the
 * way the destination side does). `join`/`dirname`/`basename` work on the destination's paths.
 */
function place(
  source: { isDirectory: boolean; name: string; contentsOnly: boolean },
  dest: { path: string; typed: string; stats: Stats | undefined; parentIsDirectory: () => boolean },
  notFound: (p: string) => CopyError,
): Placement {
  if (dest.stats?.isDirectory())
    return { destination: dest.path, name: source.contentsOnly ? '' : source.name };
  if (dest.stats) {
    if (source.isDirectory)
      throw new CopyError(
        `cannot copy a directory onto the file "${dest.typed}": give a directory as the destination`,
      );
    return { destination: path.posix.dirname(dest.path), name: path.posix.basename(dest.path) };
  }
  if (dest.typed.endsWith('/') && !source.isDirectory) throw notFound(dest.typed);
  if (!dest.parentIsDirectory()) throw notFound(dest.typed);
  return { destination: path.posix.dirname(dest.path), name: path.posix.basename(dest.path) };
}

/** Copies `containerPath` out of a container to a host path, or as a tar stream to `sink`. */
export async function copyFromContainer(
  store: Store,
  input: string,
  containerPath: string,
  target: { hostPath: string } | { sink: Writable },
  options: CopyOptions = {},
): Promise<void> {
  await withContainerRootfs(store, input, async ({ rootfs }) => {
    const notFound = (p: string) =>
      new CopyError(`"${p}" could not be found on container ${input}: no such file or directory`);
    const sourceHost = resolveInRootfs(rootfs, containerPath);
    const sourceStats = statOrUndefined(sourceHost, false);
    if (!sourceStats) throw notFound(containerPath);
    if (containerPath.endsWith('/') && !sourceStats.isDirectory())
      throw new CopyError(`"${containerPath}" on container ${input} is not a directory`);
    const name =
      contentsOnly(containerPath) || sourceHost === path.resolve(rootfs) ? '' : path.basename(sourceHost);
    if ('sink' in target) {
      await pipeline(packTree({ source: sourceHost, name }), target.sink, {
        end: false,
      });
      return;
    }
    const typed = target.hostPath;
    const destHost = path.resolve(typed);
    const placement = place(
      { isDirectory: sourceStats.isDirectory(), name, contentsOnly: name === '' },
      {
        path: destHost,
        typed,
        stats: statOrUndefined(destHost, true),
        parentIsDirectory: () => statOrUndefined(path.dirname(destHost), true)?.isDirectory() === true,
      },
      (p) => new CopyError(`"${p}" could not be found on the host: no such file or directory`),
    );
    // The archive comes from the container: contain it in the destination directory too.
    await extractForCopy(packTree({ source: sourceHost, name: placement.name }), {
      root: realpathSync(placement.destination),
      destination: '/',
      owner: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 },
      overwrite: options.overwrite ?? false,
      where: 'the host',
    });
  });
}

/** Copies a host path (or a tar stream from `source`) into a container. */
export async function copyIntoContainer(
  store: Store,
  input: string,
  containerPath: string,
  from: { hostPath: string } | { stream: Readable },
  options: CopyOptions = {},
): Promise<void> {
  let sourceHost: string | undefined;
  let sourceStats: Stats | undefined;
  if ('hostPath' in from) {
    // The host side is the user's own: its links are followed as the shell would.
    sourceStats = statOrUndefined(from.hostPath, true);
    if (!sourceStats)
      throw new CopyError(`"${from.hostPath}" could not be found on the host: no such file or directory`);
    sourceHost = realpathSync(from.hostPath);
  }
  await withContainerRootfs(store, input, async ({ record, rootfs }) => {
    const notFound = (p: string) =>
      new CopyError(`"${p}" could not be found on container ${input}: no such file or directory`);
    const owner =
      options.archive === false
        ? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 }
        : (({ uid, gid }) => ({ uid, gid }))(resolveUser(rootfs, record.config.user || undefined));
    const destHost = resolveInRootfs(rootfs, containerPath);
    const destStats = statOrUndefined(destHost, false);
    const where = `container ${input}`;
    if ('stream' in from) {
      if (!destStats?.isDirectory())
        throw destStats
          ? new CopyError(
              `"${containerPath}" on container ${input} is not a directory: a tar stream is copied into a directory`,
            )
          : notFound(containerPath);
      await extractForCopy(from.stream, {
        root: rootfs,
        destination: containerPathOf(rootfs, destHost),
        owner,
        overwrite: options.overwrite ?? false,
        where,
      });
      return;
    }
    const hostPath = from.hostPath;
    const name = contentsOnly(hostPath) ? '' : path.basename(sourceHost!);
    const placement = place(
      { isDirectory: sourceStats!.isDirectory(), name, contentsOnly: name === '' },
      {
        path: containerPathOf(rootfs, destHost),
        typed: containerPath,
        stats: destStats,
        parentIsDirectory: () => statOrUndefined(path.dirname(destHost), false)?.isDirectory() === true,
      },
      notFound,
    );
    await extractForCopy(packTree({ source: sourceHost!, name: placement.name }), {
      root: rootfs,
      destination: placement.destination,
      owner,
      overwrite: options.overwrite ?? false,
      where,
    });
  });
}
