// The last step of every way an image arrives (pull, load, import): keep its manifests and config
// as blobs, then record it — under the store-wide "images" lock, after checking that every layer
// it needs is still there (a concurrent `rmi` or `prune` may have removed one we found present).
import { createHash } from 'node:crypto';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import type { BlobStore } from './blob-store.js';
import { ImageError } from './image-errors.js';
import { referencedDiffIds, saveImageRecord } from './image-records.js';
import { topChainId } from './layer-chain.js';
import type { LayerStore } from './layer-store.js';
import type { ImageConfig } from './manifest.js';

export interface ImageToRecord {
  /** The manifest documents, top first: an index then its platform manifest, or one manifest. */
  manifests: { digest: string; body: Buffer }[];
  /** Media type of the platform manifest (the last one). */
  manifestMediaType: string;
  configBody: Buffer;
  config: ImageConfig;
  names: string[];
  /** Names the operation in errors, e.g. `pulling 127.0.0.1:5000/x:latest`. */
  what: string;
  /** What to do when a layer vanished meanwhile, e.g. `run the pull again`. */
  retry: string;
}

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Stores the blobs and the record; returns the image ID (hex of the config digest). */
export async function recordImage(
  store: Store,
  layers: LayerStore,
  blobs: BlobStore,
  image: ImageToRecord,
): Promise<string> {
  const configDigest = sha256Digest(image.configBody);
  for (const manifest of image.manifests) blobs.put(manifest.digest, manifest.body, 'manifest');
  blobs.put(configDigest, image.configBody, 'config');
  const diffIds = image.config.rootfs.diff_ids;
  const imageId = configDigest.slice('sha256:'.length);
  const top = image.manifests[0]!;
  const instance = image.manifests[image.manifests.length - 1]!;
  await withLock(store.db, 'images', () => {
    const missing = diffIds.filter((d) => !layers.has(d));
    if (missing.length > 0)
      throw new ImageError(
        `${image.what}: layer ${missing[0]} was removed meanwhile (a concurrent rmi or prune?): ${image.retry}`,
      );
    const layersSize = diffIds.reduce((sum, d) => sum + (layers.info(d)?.size ?? 0), 0);
    // As podman counts it: layers, config, the instance manifest twice, and the index if any.
    const size =
      layersSize +
      image.configBody.length +
      2 * instance.body.length +
      (top.digest !== instance.digest ? top.body.length : 0);
    saveImageRecord(
      store.db,
      {
        id: imageId,
        manifestDigest: top.digest,
        manifestMediaType: image.manifestMediaType,
        config: image.configBody.toString('utf8'),
        size,
        created: image.config.created ?? '',
        topLayer: topChainId(diffIds),
        diffIds,
        digests: [...new Set(image.manifests.map((m) => m.digest))],
      },
      image.names,
    );
  });
  return imageId;
}

/** Removes layers a failed operation created, unless an image (maybe another process's) uses them. */
export async function removeUnusedLayers(
  store: Store,
  layers: LayerStore,
  created: readonly string[],
): Promise<void> {
  if (created.length === 0) return;
  await withLock(store.db, 'images', () => {
    const used = referencedDiffIds(store.db);
    for (const diffId of created) if (!used.has(diffId)) layers.remove(diffId);
  });
}
