// Which image was built on which, as podman's layer tree tells: an image B descends from A when
// B's layers start with A's and B's history starts with A's and is longer (a config-only step
// such as ENV adds a history entry and no layer). Builds leave one unnamed image per step;
// podman calls an unnamed image with descendants "intermediate": `images` hides it without -a,
// it is not "dangling" (so `image prune` keeps it as build cache), and `rmi` of the image built
// on it removes it too when nothing else needs it.
import type { ImageRecord } from './image-records.js';

interface Lineage {
  diffIds: string[];
  history: string[];
}

function lineageOf(record: ImageRecord, cache: Map<string, Lineage>): Lineage {
  let lineage = cache.get(record.id);
  if (!lineage) {
    let history: string[] = [];
    try {
      const config = JSON.parse(record.config) as { history?: unknown[] };
      history = Array.isArray(config.history) ? config.history.map((h) => JSON.stringify(h)) : [];
    } catch {
      // a config that does not parse has no history to share
    }
    lineage = { diffIds: record.diffIds, history };
    cache.set(record.id, lineage);
  }
  return lineage;
}

function startsWith(list: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > list.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

export class ImageLineage {
  private readonly cache = new Map<string, Lineage>();

  constructor(private readonly records: readonly ImageRecord[]) {}

  /** Whether `child` was built on `parent` (directly or not). */
  descendsFrom(child: ImageRecord, parent: ImageRecord): boolean {
    if (child.id === parent.id) return false;
    const c = lineageOf(child, this.cache);
    const p = lineageOf(parent, this.cache);
    return (
      p.history.length > 0 &&
      c.history.length > p.history.length &&
      startsWith(c.diffIds, p.diffIds) &&
      startsWith(c.history, p.history)
    );
  }

  hasDescendants(image: ImageRecord, ignoring: ReadonlySet<string> = new Set()): boolean {
    return this.records.some((other) => !ignoring.has(other.id) && this.descendsFrom(other, image));
  }

  /** Unnamed images that other images were built on. */
  intermediateIds(): Set<string> {
    const ids = new Set<string>();
    for (const image of this.records) {
      if (image.names.length === 0 && this.hasDescendants(image)) ids.add(image.id);
    }
    return ids;
  }

  /** The nearest image `image` was built on (the one with the longest history), if any. */
  parentOf(image: ImageRecord): ImageRecord | undefined {
    let best: ImageRecord | undefined;
    for (const other of this.records) {
      if (!this.descendsFrom(image, other)) continue;
      if (!best || lineageOf(other, this.cache).history.length > lineageOf(best, this.cache).history.length)
        best = other;
    }
    return best;
  }
}
