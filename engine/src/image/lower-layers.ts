// The merged view of a stack of unpacked layers (overlay lower dirs, top first), as overlayfs
// would show it, answered path by path without mounting anything: a path is in the view when the
// topmost layer that decides it has it. A layer decides a path when it has it, a whiteout for it
// (a char device 0/0), a non-directory where one of its parents should be, or, while lacking it,
// an opaque parent directory (which hides whatever the layers below have there).
// Directory listings are read once and kept: lookups of thousands of paths cost map reads.
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isOverlayWhiteout } from '../container/tree-archive.js';
import { ImageError } from './image-errors.js';

export interface FoundEntry {
  /** Host path of the entry in the layer that has it. */
  abs: string;
  dirent: Dirent;
}

export class LowerLayers {
  private readonly listings = new Map<string, Map<string, Dirent> | undefined>();

  /**
   * @param dirs unpacked layer directories, topmost first
   * @param opaque per layer (same order), its directories (relative, '' for the root) marked opaque
   */
  constructor(
    private readonly dirs: readonly string[],
    private readonly opaque: readonly ReadonlySet<string>[],
  ) {}

  /** The entry `rel` (`a/b/c`) names in the merged view, or undefined when the view has none. */
  async find(rel: string): Promise<FoundEntry | undefined> {
    const parts = rel.split('/');
    layers: for (let layer = 0; layer < this.dirs.length; layer++) {
      for (let i = 0; i < parts.length; i++) {
        const parent = parts.slice(0, i).join('/');
        const dirent = (await this.listing(layer, parent))?.get(parts[i]!);
        if (!dirent) {
          // Missing here: the layers below decide, unless a directory on the way is opaque.
          for (let j = 0; j <= i; j++)
            if (this.opaque[layer]!.has(parts.slice(0, j).join('/'))) return undefined;
          continue layers;
        }
        const abs = path.join(this.dirs[layer]!, ...parts.slice(0, i + 1));
        if (dirent.isCharacterDevice() && isOverlayWhiteout(await lstat(abs))) return undefined;
        if (i === parts.length - 1) return { abs, dirent };
        // A file (or link) here hides any directory of that name below: nothing is beneath it.
        if (!dirent.isDirectory()) return undefined;
      }
    }
    return undefined;
  }

  /** Names the merged view has directly under directory `rel` ('' for the root). */
  async children(rel: string): Promise<string[]> {
    const names = new Set<string>();
    for (let layer = 0; layer < this.dirs.length; layer++)
      for (const name of (await this.listing(layer, rel))?.keys() ?? []) names.add(name);
    const present: string[] = [];
    for (const name of names) if (await this.find(rel === '' ? name : `${rel}/${name}`)) present.push(name);
    return present;
  }

  private async listing(layer: number, rel: string): Promise<Map<string, Dirent> | undefined> {
    const key = `${layer}\0${rel}`;
    if (this.listings.has(key)) return this.listings.get(key);
    const dir = path.join(this.dirs[layer]!, rel);
    let found: Map<string, Dirent> | undefined;
    try {
      found = new Map((await readdir(dir, { withFileTypes: true })).map((d) => [d.name, d]));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        throw new ImageError(
          `reading ${dir} in the layer store: ${(error as Error).message}: run Berth as the user who owns the store`,
          { cause: error },
        );
    }
    this.listings.set(key, found);
    return found;
  }
}
