// A stored image as push and save need it: its config bytes, its platform manifest (when it has
// one: imported images do too), and for each layer what the layer store kept.
import { BlobStore } from './blob-store.js';
import { sha256Digest } from './image-commit.js';
import { MalformedContentError } from './image-errors.js';
import type { ImageRecord } from './image-records.js';
import { LayerStore, type LayerInfo } from './layer-store.js';
import { parseManifest, type ImageManifest } from './manifest.js';
import type { Store } from '../state/store.js';
import { imageStoreLayout } from './store-layout.js';

export interface StoredImage {
  record: ImageRecord;
  configBody: Buffer;
  configDigest: string;
  /** The manifest as pulled or loaded, when it is still in the blob store. */
  manifest?: { body: Buffer; digest: string; mediaType: string; parsed: ImageManifest };
  layers: { diffId: string; info: LayerInfo }[];
}

export function imageStores(store: Store): { layers: LayerStore; blobs: BlobStore } {
  const layout = imageStoreLayout(store.paths.graphRoot);
  return {
    layers: new LayerStore(layout.layersDir, layout.tmpDir),
    blobs: new BlobStore(layout.blobsDir, layout.tmpDir),
  };
}

export function readStoredImage(layers: LayerStore, blobs: BlobStore, record: ImageRecord): StoredImage {
  const configDigest = `sha256:${record.id}`;
  const configBody = blobs.get(configDigest) ?? Buffer.from(record.config);
  if (sha256Digest(configBody) !== configDigest)
    throw new MalformedContentError(
      `image ${record.id.slice(0, 12)}: its stored config does not match its ID: the store is damaged; remove the image and pull it again`,
    );
  let manifest: StoredImage['manifest'];
  // The record lists the index (if any) first, then the platform manifest: take the last that parses as a manifest.
  for (const digest of [...record.digests].reverse()) {
    const body = blobs.get(digest);
    if (!body) continue;
    try {
      const parsed = parseManifest(body, record.manifestMediaType, `manifest ${digest}`);
      if (parsed.kind === 'manifest' && parsed.manifest.config.digest === configDigest) {
        manifest = { body, digest, mediaType: parsed.mediaType, parsed: parsed.manifest };
        break;
      }
    } catch {
      // not a manifest of this image: look further
    }
  }
  const stored = record.diffIds.map((diffId) => {
    const info = layers.info(diffId);
    if (!info)
      throw new MalformedContentError(
        `image ${record.id.slice(0, 12)}: layer ${diffId} is missing from the store: remove the image and pull it again`,
      );
    return { diffId, info };
  });
  return { record, configBody, configDigest, manifest, layers: stored };
}
