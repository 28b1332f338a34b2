// The layer cache: one small file per step, `<graphRoot>/build-cache/<sha256 of the key>`, holding
// the ID of the image that step produced. The key is the parent image, the instruction as it ran
// (variables expanded, build args in effect) and the content hash of what it copied. Files are
// written to a temporary name and renamed, so concurrent builds (other processes) see an entry
// whole or not at all; an entry whose image was removed since (rmi, prune) is simply a miss.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getImageRecord } from '../image/image-records.js';
import type { Store } from '../state/store.js';

/** Bump when the meaning of a key changes, so that old entries stop matching. */
const KEY_VERSION = 1;

export function cacheKey(parts: {
  parent: string;
  instruction: string;
  extra?: string;
  platform: string;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([KEY_VERSION, parts.parent, parts.instruction, parts.extra ?? '', parts.platform]))
    .digest('hex');
}

export class BuildCache {
  private readonly dir: string;

  constructor(private readonly store: Store) {
    this.dir = path.join(store.paths.graphRoot, 'build-cache');
  }

  /** The cached image for `key`, when it is still in the store. */
  get(key: string): string | undefined {
    let id: string;
    try {
      id = readFileSync(path.join(this.dir, key), 'utf8').trim();
    } catch {
      return undefined;
    }
    return /^[a-f0-9]{64}$/.test(id) && getImageRecord(this.store.db, id) ? id : undefined;
  }

  put(key: string, imageId: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, key);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, imageId);
    renameSync(tmp, file);
  }
}
