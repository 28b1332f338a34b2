// Reading an image's files without mounting it: the layer directories, uppermost first, as overlay
// would show them (a whiteout hides the path in every lower layer). Enough for what COPY needs to
// know: whether a destination exists and how its directories are owned, and /etc/passwd for
// `--chown=name`.
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isOverlayWhiteout } from '../container/tree-archive.js';
import { BuildError } from './build-errors.js';

/** The path's stats in the merged image, undefined when absent. */
export function imageStat(lowerDirs: readonly string[], rel: string): Stats | undefined {
  const parts = rel.split('/').filter(Boolean);
  if (parts.length === 0) return lowerDirs[0] ? lstatSync(lowerDirs[0]) : undefined;
  for (const layer of lowerDirs) {
    for (let i = 1; i <= parts.length; i++) {
      let stats: Stats;
      try {
        stats = lstatSync(path.join(layer, ...parts.slice(0, i)));
      } catch {
        break; // not in this layer: look lower
      }
      if (isOverlayWhiteout(stats)) return undefined;
      if (i === parts.length) return stats;
      if (!stats.isDirectory()) break;
    }
  }
  return undefined;
}

function readImageText(lowerDirs: readonly string[], rel: string): string {
  for (const layer of lowerDirs) {
    const stats = imageStat([layer], rel);
    if (stats?.isFile()) return readFileSync(path.join(layer, rel), 'utf8');
    if (stats) return '';
  }
  return '';
}

function lookupId(file: string, name: string): { id: number; gid: number } | undefined {
  for (const line of file.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2] !== undefined)
      return { id: Number(fields[2]), gid: Number(fields[3] ?? fields[2]) };
  }
  return undefined;
}

/** `--chown=user[:group]` as numbers, names looked up in the image's /etc/passwd and /etc/group. */
export function resolveChown(
  lowerDirs: readonly string[],
  spec: string,
  step: string,
): { uid: number; gid: number } {
  const [user, group] = spec.split(':') as [string, string | undefined];
  let uid: number;
  let gid: number;
  if (/^\d+$/.test(user)) {
    uid = Number(user);
    gid = uid;
  } else {
    const found = lookupId(readImageText(lowerDirs, 'etc/passwd'), user);
    if (!found)
      throw new BuildError(
        `${step}: looking up UID for user "${user}": no such user in the image's /etc/passwd`,
      );
    uid = found.id;
    gid = found.gid;
  }
  if (group !== undefined && group !== '') {
    if (/^\d+$/.test(group)) gid = Number(group);
    else {
      const found = lookupId(readImageText(lowerDirs, 'etc/group'), group);
      if (!found)
        throw new BuildError(
          `${step}: looking up GID for group "${group}": no such group in the image's /etc/group`,
        );
      gid = found.id;
    }
  }
  return { uid, gid };
}
