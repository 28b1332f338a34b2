// What one COPY/ADD puts in its layer, as a list of tar entries planned before any byte is
// written: the plan's hash (names, modes, owners, link targets and file contents) is the step's
// cache key, and only on a cache miss is the plan packed into a layer.
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import tar from 'tar-stream';
import { cleanArchivePath } from '../image/layer-extract.js';
import type { IgnoreMatcher } from './ignore-file.js';
import { archiveKind, openArchive } from './archive-stream.js';

export interface CopyEntry {
  /** Archive path: no leading slash, directories without a trailing one. */
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
  linkname?: string;
  size: number;
  /** File bytes come from this host path... */
  host?: string;
  /** ...or are given (a heredoc). */
  content?: Buffer;
}

/** A local archive ADD unpacks into `destDir`. */
export interface ArchiveSource {
  host: string;
  destDir: string;
}

export interface CopyPlan {
  entries: Map<string, CopyEntry>;
  archives: ArchiveSource[];
}

export interface Ownership {
  /** undefined: keep the source's owner (COPY --from); context files are root's. */
  uid?: number;
  gid?: number;
  /** --chmod: applied to every copied entry. */
  mode?: number;
}

export function emptyPlan(): CopyPlan {
  return { entries: new Map(), archives: [] };
}

function entryFor(stats: Stats, name: string, host: string, owner: Ownership): CopyEntry {
  const type = stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'file';
  return {
    name,
    type,
    mode: type === 'symlink' ? 0o777 : (owner.mode ?? stats.mode & 0o7777),
    uid: owner.uid ?? stats.uid,
    gid: owner.gid ?? stats.gid,
    mtime: stats.mtime,
    linkname: type === 'symlink' ? readlinkSync(host) : undefined,
    size: type === 'file' ? stats.size : 0,
    host: type === 'file' ? host : undefined,
  };
}

/**
 * Adds `root/rel` to the plan at archive path `dest`: a file or link as itself, a directory's
 * contents under `dest` (the directory itself is not copied, as COPY does). Context files that the
 * ignore file leaves out are skipped; sockets and devices are left out as tar leaves them.
 */
export function planTree(
  plan: CopyPlan,
  root: string,
  rel: string,
  dest: string,
  owner: Ownership,
  ignore?: IgnoreMatcher,
): void {
  const host = rel === '' ? root : path.join(root, rel);
  const stats = lstatSync(host);
  if (!stats.isDirectory()) {
    if (stats.isFile() || stats.isSymbolicLink()) plan.entries.set(dest, entryFor(stats, dest, host, owner));
    return;
  }
  if (dest !== '' && !plan.entries.has(dest)) plan.entries.set(dest, entryFor(stats, dest, host, owner));
  for (const child of readdirSync(host).sort()) {
    const childRel = rel === '' ? child : `${rel}/${child}`;
    if (ignore?.ignores(childRel)) {
      // An ignored directory may hold exceptions: look inside for them.
      if (ignore.hasExceptions && lstatSync(path.join(root, childRel)).isDirectory())
        planIgnoredDirectory(plan, root, childRel, dest === '' ? child : `${dest}/${child}`, owner, ignore);
      continue;
    }
    planTree(plan, root, childRel, dest === '' ? child : `${dest}/${child}`, owner, ignore);
  }
}

function planIgnoredDirectory(
  plan: CopyPlan,
  root: string,
  rel: string,
  dest: string,
  owner: Ownership,
  ignore: IgnoreMatcher,
): void {
  for (const child of readdirSync(path.join(root, rel)).sort()) {
    const childRel = `${rel}/${child}`;
    const childDest = `${dest}/${child}`;
    if (!ignore.ignores(childRel)) {
      // Its parent directories come along, as Docker creates them for an exception.
      const parentStats = lstatSync(path.join(root, rel));
      if (!plan.entries.has(dest))
        plan.entries.set(dest, entryFor(parentStats, dest, path.join(root, rel), owner));
      planTree(plan, root, childRel, childDest, owner, ignore);
    } else if (lstatSync(path.join(root, childRel)).isDirectory())
      planIgnoredDirectory(plan, root, childRel, childDest, owner, ignore);
  }
}

/** The plan's content hash: what the cache compares. */
export async function hashPlan(plan: CopyPlan): Promise<string> {
  const hash = createHash('sha256');
  for (const entry of [...plan.entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    hash.update(
      JSON.stringify([entry.name, entry.type, entry.mode, entry.uid, entry.gid, entry.linkname ?? '']),
    );
    if (entry.content) hash.update(entry.content);
    else if (entry.host) await hashFile(hash, entry.host);
    hash.update('\0');
  }
  for (const archive of plan.archives) {
    hash.update(`archive ${archive.destDir}\0`);
    await hashFile(hash, archive.host);
  }
  return hash.digest('hex');
}

async function hashFile(hash: ReturnType<typeof createHash>, file: string): Promise<void> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
}

function header(entry: CopyEntry): Partial<tar.Header> & { name: string } {
  return {
    name: entry.type === 'directory' ? `${entry.name}/` : entry.name,
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    mtime: entry.mtime,
    size: entry.type === 'file' ? entry.size : 0,
    ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
  };
}

async function addEntry(pack: tar.Pack, entry: CopyEntry): Promise<void> {
  if (entry.type !== 'file' || entry.content) {
    await new Promise<void>((resolve, reject) =>
      pack.entry(header(entry), entry.content ?? Buffer.alloc(0), (e) => (e ? reject(e) : resolve())),
    );
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry(header(entry), (e) => (e ? reject(e) : resolve()));
    const source =
      entry.size === 0
        ? (new PassThrough().end() as Readable)
        : createReadStream(entry.host!, { start: 0, end: entry.size - 1 });
    pipeline(source, sink, (e) => e && reject(e));
  });
}

/** Re-roots every entry of a (possibly compressed) tar archive under `destDir`. */
async function addArchive(pack: tar.Pack, archive: ArchiveSource): Promise<void> {
  const extract = tar.extract();
  pipeline(openArchive(archive.host, archiveKind(archive.host) ?? 'tar'), extract, () => {
    // errors surface through the iteration below
  });
  for await (const item of extract) {
    const h = item.header;
    const rel = cleanArchivePath(h.name, `entry of ${path.basename(archive.host)}`);
    if (rel === '') {
      item.resume();
      continue;
    }
    const name = archive.destDir === '' ? rel : `${archive.destDir}/${rel}`;
    const out: Partial<tar.Header> & { name: string } = {
      ...h,
      name: h.type === 'directory' ? `${name}/` : name,
    };
    if (h.type === 'link' && h.linkname) {
      const target = cleanArchivePath(h.linkname, `link target in ${path.basename(archive.host)}`);
      out.linkname = archive.destDir === '' ? target : `${archive.destDir}/${target}`;
    }
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry(out, (e) => (e ? reject(e) : resolve()));
      pipeline(item, sink, (e) => e && reject(e));
    });
  }
}

/** The plan as an uncompressed tar stream (a layer). */
export function packPlan(plan: CopyPlan): Readable {
  const pack = tar.pack();
  const entries = [...plan.entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  (async () => {
    for (const entry of entries) await addEntry(pack, entry);
    for (const archive of plan.archives) await addArchive(pack, archive);
  })().then(
    () => pack.finalize(),
    (error: Error) => pack.destroy(error),
  );
  return pack as unknown as Readable;
}

/** Whether a file is an archive ADD unpacks (plain tar, gzip, zstd, bzip2 or xz; by content). */
export async function isTarArchive(file: string): Promise<boolean> {
  return archiveKind(file) !== undefined;
}
