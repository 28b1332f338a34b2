// Files in and out of containers (`docker cp`): `GET /containers/{id}/archive` streams a tar of
// a path, `HEAD` only stats it, `PUT` extracts a tar into a directory (bounded in size). The stat
// travels in the `X-Docker-Container-Path-Stat` header (base64 JSON, mode in Go's FileMode bits,
// which clients test for directories). Copies go through container/container-copy.ts, as `berth
// cp` does: paths are resolved inside the rootfs, symlinks never lead out.
import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import { copyFromContainer, copyIntoContainer } from '../container/container-copy.js';
import { withContainerRootfs } from '../container/container-rootfs-access.js';
import { resolveInRootfs } from '../runtime/rootfs-path.js';
import type { Store } from '../state/store.js';
import { ApiError } from './api-errors.js';
import { queryFlag, sendNoContent, type Exchange, type Route } from './api-context.js';
import { MAX_ARCHIVE_BYTES, limitedStream } from './http-body.js';

const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;

export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export function goFileMode(stats: Stats): number {
  const perm = stats.mode & 0o777;
  if (stats.isDirectory()) return perm + GO_MODE_DIR;
  if (stats.isSymbolicLink()) return perm + GO_MODE_SYMLINK;
  return perm;
}

function requirePath(x: Exchange): string {
  const p = x.query.get('path');
  if (!p) throw new ApiError(400, 'name the path in the container: add ?path=/PATH');
  return p;
}

async function statPath(store: Store, container: string, containerPath: string): Promise<PathStat> {
  return withContainerRootfs(store, container, async ({ rootfs }) => {
    const host = resolveInRootfs(rootfs, containerPath);
    let stats: Stats;
    try {
      stats = lstatSync(host);
    } catch {
      throw new ApiError(404, `Could not find the file ${containerPath} in container ${container}`);
    }
    return {
      name: path.posix.basename(containerPath) || '/',
      size: stats.size,
      mode: goFileMode(stats),
      mtime: stats.mtime.toISOString(),
      linkTarget: stats.isSymbolicLink() ? readlinkSync(host) : '',
    };
  });
}

const statHeader = (stat: PathStat) => Buffer.from(JSON.stringify(stat)).toString('base64');

async function head(x: Exchange): Promise<void> {
  const stat = await statPath(x.ctx.store, x.params.id!, requirePath(x));
  x.res.writeHead(200, {
    'X-Docker-Container-Path-Stat': statHeader(stat),
    'Content-Type': 'application/json',
  });
  x.res.end();
}

async function get(x: Exchange): Promise<void> {
  const containerPath = requirePath(x);
  const stat = await statPath(x.ctx.store, x.params.id!, containerPath);
  x.res.writeHead(200, {
    'X-Docker-Container-Path-Stat': statHeader(stat),
    'Content-Type': 'application/x-tar',
  });
  await copyFromContainer(x.ctx.store, x.params.id!, containerPath, { sink: x.res });
  x.res.end();
}

async function put(x: Exchange): Promise<void> {
  const containerPath = requirePath(x);
  await copyIntoContainer(
    x.ctx.store,
    x.params.id!,
    containerPath,
    { stream: limitedStream(x.req, MAX_ARCHIVE_BYTES, 'archive') },
    // copyUIDGID: own the files by the container's user, as `docker cp -a` asks.
    { archive: queryFlag(x.query, 'copyUIDGID'), overwrite: !queryFlag(x.query, 'noOverwriteDirNonDir') },
  );
  sendNoContent(x.res, 200);
}

export const ARCHIVE_ROUTES: Route[] = [
  { method: 'HEAD', path: '/containers/{id}/archive', handle: head },
  { method: 'GET', path: '/containers/{id}/archive', handle: get },
  { method: 'PUT', path: '/containers/{id}/archive', handle: put },
];
