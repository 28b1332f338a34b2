// `rmi`, `image prune`, and the garbage collection behind them: a removed image's layers and
// blobs go too, unless another image still uses them. Record changes and layer removal happen
// under the store-wide "images" lock, so a concurrent pull either sees its layers kept or fails
// clearly at commit and can be re-run.
import { readdirSync } from 'node:fs';
import { appendEvent } from '../events/append-event.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { ImageError, ImageInUseError, ImageNotFoundError } from './image-errors.js';
import { lookupImage, nameMeantBy } from './image-lookup.js';
import {
  deleteImageRecord,
  getImageRecord,
  listImageRecords,
  referencedDiffIds,
  removeImageName,
  type ImageRecord,
} from './image-records.js';
import { repoTags } from './image-summary.js';
import { ImageLineage } from './image-lineage.js';
import { imageUsageHooks } from './image-users.js';
import { imageStores } from './stored-image.js';
import { imageStoreLayout } from './store-layout.js';

export interface RemovalReport {
  untagged: string[];
  deleted: string[];
  /** One message per image that could not be removed; exitCode is podman's for the worst one. */
  errors: ImageError[];
}

/** Deletes layers and blobs no image references any more (also leftovers of killed pulls). */
export function collectGarbage(store: Store): void {
  const { layers, blobs } = imageStores(store);
  const images = listImageRecords(store.db);
  const usedLayers = referencedDiffIds(store.db);
  for (const diffId of layers.list()) if (!usedLayers.has(diffId)) layers.remove(diffId);
  const usedBlobs = new Set(images.flatMap((i) => [...i.digests, i.manifestDigest, `sha256:${i.id}`]));
  const layout = imageStoreLayout(store.paths.graphRoot);
  for (const digest of listBlobDigests(layout.blobsDir)) if (!usedBlobs.has(digest)) blobs.remove(digest);
}

function listBlobDigests(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /^[a-f0-9]{64}$/.test(n))
      .map((n) => `sha256:${n}`);
  } catch {
    return [];
  }
}

async function deleteImage(
  store: Store,
  image: ImageRecord,
  force: boolean,
  report: RemovalReport,
  referencedBy = '',
): Promise<void> {
  const hooks = imageUsageHooks();
  const users = hooks.containersUsingImage(store.db, image.id);
  if (users.length > 0) {
    if (!force)
      throw new ImageInUseError(
        `image ${image.id.slice(0, 12)} is in use by container${users.length > 1 ? 's' : ''} ${users.map((u) => u.name || u.id.slice(0, 12)).join(', ')}: remove ${users.length > 1 ? 'them' : 'it'} first, or use --force`,
      );
    await hooks.removeContainersForImage(
      store,
      users.map((u) => u.id),
    );
  }
  report.untagged.push(...repoTags(image));
  deleteImageRecord(store.db, image.id);
  report.deleted.push(image.id);
  emitRemovalEvents(store, image, referencedBy);
}

/** As libimage: an untag per name the image had, then the remove, named as the user referred to it. */
function emitRemovalEvents(store: Store, image: ImageRecord, referencedBy: string): void {
  for (const name of image.names)
    appendEvent(store, { Type: 'image', Status: 'untag', ID: image.id, Name: name });
  appendEvent(store, { Type: 'image', Status: 'remove', ID: image.id, Name: referencedBy });
}

/** `rmi`: by name removes that name (and the image when it was the last); by ID removes the image. */
export async function removeImages(
  store: Store,
  inputs: readonly string[],
  options: { force?: boolean; all?: boolean; searchRegistries?: readonly string[] } = {},
): Promise<RemovalReport> {
  const report: RemovalReport = { untagged: [], deleted: [], errors: [] };
  await withLock(store.db, 'images', async () => {
    const targets = options.all ? listImageRecords(store.db).map((i) => i.id) : inputs;
    for (const input of targets) {
      try {
        const image = lookupImage(store.db, input, options.searchRegistries);
        if (!image) throw new ImageNotFoundError(`${input}: image not known`);
        const byId = image.id.startsWith(input.replace(/^sha256:/, ''));
        const name = byId ? undefined : nameMeantBy(image, input, options.searchRegistries);
        if (name !== undefined && image.names.length > 1 && !options.all) {
          removeImageName(store.db, image.id, name);
          report.untagged.push(name);
          appendEvent(store, { Type: 'image', Status: 'untag', ID: image.id, Name: name });
          continue;
        }
        if (byId && repoTags(image).length > 1 && !options.force && !options.all)
          throw new ImageInUseError(
            `unable to delete image "${image.id}" by ID with more than one tag (${repoTags(image).join(', ')}): please force removal`,
          );
        // Re-read: an earlier argument may have removed it already.
        const current = getImageRecord(store.db, image.id);
        if (current) {
          await deleteImage(store, current, options.force ?? false, report, input);
          removeUnusedAncestors(store, current, report);
        }
      } catch (error) {
        if (!(error instanceof ImageError)) throw error;
        report.errors.push(error);
      }
    }
    collectGarbage(store);
  });
  return report;
}

/**
 * After `rmi` of an image: the unnamed images it was built on (a build's steps) go too, nearest
 * first, while nothing else needs them: no name, no container, no other image built on them.
 */
function removeUnusedAncestors(store: Store, removed: ImageRecord, report: RemovalReport): void {
  const hooks = imageUsageHooks();
  const all = [removed, ...listImageRecords(store.db)];
  const lineage = new ImageLineage(all);
  const gone = new Set([removed.id]);
  for (let parent = lineage.parentOf(removed); parent; parent = lineage.parentOf(parent)) {
    if (parent.names.length > 0 || gone.has(parent.id)) return;
    if (hooks.containersUsingImage(store.db, parent.id).length > 0) return;
    if (lineage.hasDescendants(parent, new Set([...gone, parent.id]))) return;
    deleteImageRecord(store.db, parent.id);
    gone.add(parent.id);
    report.deleted.push(parent.id);
    emitRemovalEvents(store, parent, '');
  }
}

/**
 * `image prune`: dangling images (no tags and nothing built on them: a build's intermediate
 * images are its cache and stay), or with `all` every image no container uses. Removing an
 * image can leave the one it was built on dangling, so passes repeat until none is left.
 */
export async function pruneImages(
  store: Store,
  options: { all?: boolean; filter?: (image: ImageRecord) => boolean } = {},
): Promise<string[]> {
  const removed: string[] = [];
  await withLock(store.db, 'images', async () => {
    const hooks = imageUsageHooks();
    for (let pass = true; pass;) {
      pass = false;
      const images = listImageRecords(store.db);
      const lineage = new ImageLineage(images);
      for (const image of images) {
        if (!options.all && repoTags(image).length > 0) continue;
        if (!options.all && lineage.hasDescendants(image, new Set(removed))) continue;
        if (options.filter && !options.filter(image)) continue;
        if (hooks.containersUsingImage(store.db, image.id).length > 0) continue;
        deleteImageRecord(store.db, image.id);
        removed.push(image.id);
        emitRemovalEvents(store, image, '');
        pass = true;
      }
    }
    collectGarbage(store);
  });
  appendEvent(store, { Type: 'image', Status: 'prune', Attributes: { removed: String(removed.length) } });
  return removed;
}
