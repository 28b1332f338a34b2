// What one layer of an image does to the file system, for the desktop app's layer explorer: every
// path the layer has, as added, modified (the layers below have it) or removed (a whiteout), the
// directories it makes opaque, and what those hide. Read from the unpacked layer directories in
// the store (what containers use as overlay lower dirs): no archive is decompressed, and the
// layers below are looked up only for the paths this layer has (lower-layers.ts).
// Whiteouts there are overlay's own: a char device 0/0; an opaque directory carries the overlay
// opaque xattr (trusted.* as root, user.* in a rootless store: layer-extract.ts).
import { lstatSync, readlinkSync, type Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LayerFileEntry, LayerFiles, LayerFileType } from '../contract/image-types.js';
import { isOverlayWhiteout } from '../container/tree-archive.js';
import { inRootlessNamespace } from '../rootless/rootless-env.js';
import { byCodePoint } from '../util/code-point-order.js';
import { ImageError, MalformedContentError } from './image-errors.js';
import type { ImageRecord } from './image-records.js';
import { OPAQUE_XATTR, ROOTLESS_OPAQUE_XATTR } from './layer-extract.js';
import type { LayerStore } from './layer-store.js';
import { LowerLayers } from './lower-layers.js';
import { getXattrs } from './special-files.js';

/** Entries in one answer: about 10 MB of JSON; a layer with more is reported truncated. */
export const LAYER_FILES_LIMIT = 100_000;

/**
 * Entries described between two turns of the event loop. Their lstat calls are synchronous: on
 * a busy host one async lstat per file cost five times as much (20,000 files: 0.6 s against
 * 0.12 s), and yielding every so often keeps the engine's process answering meanwhile.
 */
const ENTRIES_PER_TURN = 1000;

/** A layer index the image does not have. */
export class LayerIndexError extends ImageError {}

function typeOf(dirent: Dirent): LayerFileType {
  if (dirent.isDirectory()) return 'dir';
  if (dirent.isSymbolicLink()) return 'symlink';
  if (dirent.isCharacterDevice()) return 'char-device';
  if (dirent.isBlockDevice()) return 'block-device';
  if (dirent.isFIFO()) return 'fifo';
  if (dirent.isSocket()) return 'socket';
  return 'file';
}

/** Which of `dirs` (relative to `root`) carry the opaque mark. */
async function opaqueAmong(root: string, dirs: readonly string[]): Promise<Set<string>> {
  // As layer-extract.ts wrote them: trusted.* as the host's root; user.* in a store a normal user
  // owns (unpacked in Berth's user namespace, where this process may be "root" too).
  const name = process.geteuid?.() === 0 && !inRootlessNamespace() ? OPAQUE_XATTR : ROOTLESS_OPAQUE_XATTR;
  const values = await getXattrs(
    dirs.map((d) => path.join(root, d)),
    name,
  );
  return new Set(dirs.filter((_, i) => values[i]?.toString() === 'y'));
}

interface LayerEntry {
  rel: string;
  dirent: Dirent;
}

/** Every entry of an unpacked layer, parents before children; stops past `limit`. */
async function walkLayer(root: string, limit: number): Promise<{ entries: LayerEntry[]; dirs: string[] }> {
  const entries: LayerEntry[] = [];
  const dirs = [''];
  for (let next = 0; next < dirs.length && entries.length <= limit; next++) {
    const dir = dirs[next]!;
    let listing: Dirent[];
    try {
      listing = await readdir(path.join(root, dir), { withFileTypes: true });
    } catch (error) {
      throw new ImageError(
        `reading ${path.join(root, dir)} in the layer store: ${(error as Error).message}: run Berth as the user who owns the store`,
        { cause: error },
      );
    }
    for (const dirent of listing) {
      const rel = dir === '' ? dirent.name : `${dir}/${dirent.name}`;
      entries.push({ rel, dirent });
      if (dirent.isDirectory()) dirs.push(rel);
    }
  }
  return { entries, dirs };
}

function describe(abs: string, dirent: Dirent): Pick<LayerFileEntry, 'type' | 'size' | 'linkTarget'> {
  const type = typeOf(dirent);
  if (type === 'file') return { type, size: lstatSync(abs).size };
  if (type === 'symlink') return { type, size: 0, linkTarget: readlinkSync(abs) };
  return { type, size: 0 };
}

export async function layerFiles(
  record: ImageRecord,
  index: number,
  layers: LayerStore,
): Promise<LayerFiles> {
  const count = record.diffIds.length;
  const diffId = record.diffIds[index];
  if (diffId === undefined)
    throw new LayerIndexError(
      count === 0
        ? `image ${record.id.slice(0, 12)} has no layers: there are no files to list`
        : `image ${record.id.slice(0, 12)} has ${count} layer${count === 1 ? '' : 's'} (0 to ${count - 1}): there is no layer ${index}: pick a layer from the image's layer list`,
    );
  for (const id of record.diffIds.slice(0, index + 1))
    if (!layers.has(id))
      throw new MalformedContentError(
        `image ${record.id.slice(0, 12)}: layer ${id} is missing from the store: remove the image and pull it again`,
      );
  const root = layers.diffPath(diffId);
  const { entries: found, dirs } = await walkLayer(root, LAYER_FILES_LIMIT);
  // The layers below, topmost first; each one's opaque marks are read only for directories
  // this layer has, the only ones a lookup can pass through.
  const lowerDirs = record.diffIds
    .slice(0, index)
    .reverse()
    .map((id) => layers.diffPath(id));
  const [opaqueHere, ...opaqueBelow] = await Promise.all(
    [root, ...lowerDirs].map((dir) => opaqueAmong(dir, dirs)),
  );
  const below = new LowerLayers(lowerDirs, opaqueBelow);

  const entries: LayerFileEntry[] = [];
  let truncated = found.length > LAYER_FILES_LIMIT;
  const add = (entry: LayerFileEntry) => {
    if (entries.length < LAYER_FILES_LIMIT) entries.push(entry);
    else truncated = true;
  };
  const removed = async (rel: string) => {
    const lower = await below.find(rel);
    add({
      path: `/${rel}`,
      kind: 'removed',
      ...(lower ? describe(lower.abs, lower.dirent) : { type: 'file', size: 0 }),
    });
  };
  for (const [done, { rel, dirent }] of found.entries()) {
    if (entries.length >= LAYER_FILES_LIMIT) {
      truncated = true;
      break;
    }
    if (done > 0 && done % ENTRIES_PER_TURN === 0) await nextTurn();
    const abs = path.join(root, rel);
    if (dirent.isCharacterDevice() && isOverlayWhiteout(await lstat(abs))) {
      await removed(rel);
      continue;
    }
    const existed = (await below.find(rel)) !== undefined;
    const opaque = existed && dirent.isDirectory() && opaqueHere!.has(rel);
    add({
      path: `/${rel}`,
      kind: opaque ? 'opaque' : existed ? 'modified' : 'added',
      ...describe(abs, dirent),
    });
    if (!opaque) continue;
    // What the layers below had in it and this layer does not put back is gone.
    const kept = new Set(await readdir(abs));
    for (const child of await below.children(rel)) if (!kept.has(child)) await removed(`${rel}/${child}`);
  }
  entries.sort((a, b) => byCodePoint(a.path, b.path));
  return { diffId, entries, truncated };
}
