// ps --size: bytes in the container's writable layer (rw) and that plus its image (virtual).
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getImageRecord } from '../image/image-records.js';
import type { Store } from '../state/store.js';
import { containerPaths } from './container-paths.js';
import type { ContainerRecord } from './container-records.js';

/** Apparent size of a directory tree; symlinks are not followed, unreadable parts are skipped. */
export function directorySize(dir: string): number {
  let total = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else {
        try {
          total += lstatSync(full).size;
        } catch {
          // removed meanwhile
        }
      }
    }
  }
  return total;
}

export function containerDiskUsage(store: Store, record: ContainerRecord): { rw: number; rootFs: number } {
  const rw = directorySize(containerPaths(store.paths, record.id).upperDir);
  const image = getImageRecord(store.db, record.imageId);
  return { rw, rootFs: rw + (image?.size ?? 0) };
}
