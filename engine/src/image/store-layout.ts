// Where images live on disk, under the store's graphRoot:
//
//   blobs/sha256/<hex>           verified manifests and configs, content-addressed, immutable
//   layers/<diff-id hex>/diff/   one unpacked layer (an overlay lower directory), keyed by its
//                                diff ID (sha256 of the uncompressed tar), shared between images
//   layers/<diff-id hex>/layer.json  what the layer is: sizes, the compressed digest it came from
//   tmp/<pid>-<random>...        work in progress: downloads and extractions; renamed into place
//                                only once verified, so nothing partial is ever visible there
//
// Image records (names, tags, digests, the config) are rows of the state database's `images`
// and `image_names` tables; a layer directory exists on disk before any row references it.
import path from 'node:path';

export interface ImageStoreLayout {
  blobsDir: string;
  layersDir: string;
  tmpDir: string;
}

export function imageStoreLayout(graphRoot: string): ImageStoreLayout {
  return {
    blobsDir: path.join(graphRoot, 'blobs', 'sha256'),
    layersDir: path.join(graphRoot, 'layers'),
    tmpDir: path.join(graphRoot, 'tmp'),
  };
}

/** `sha256:<hex>` → `<hex>`, after checking the form (digests name files: no traversal). */
export function digestHex(digest: string): string {
  const match = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!match) throw new Error(`"${digest}" is not a sha256 digest`);
  return match[1]!;
}

/** `layers/<hex>`: one unpacked layer's directory. */
export function layerDirPath(layout: Pick<ImageStoreLayout, 'layersDir'>, diffId: string): string {
  return path.join(layout.layersDir, digestHex(diffId));
}

/** `layers/<hex>/diff`: the tree an overlay mount uses as a lower directory. */
export function layerDiffPath(layout: Pick<ImageStoreLayout, 'layersDir'>, diffId: string): string {
  return path.join(layerDirPath(layout, diffId), 'diff');
}

/** `layers/<hex>/layer.json`: written last, so its presence means the layer is complete. */
export function layerInfoPath(layout: Pick<ImageStoreLayout, 'layersDir'>, diffId: string): string {
  return path.join(layerDirPath(layout, diffId), 'layer.json');
}
