// `load`: images from a docker-archive, an oci-archive, or an oci-dir / docker-dir layout, which
// are hostile input like any registry: the archive is spooled without ever writing at its names
// (archive-source.ts), manifests and configs are checked against their digests (archive-plan.ts),
// and layers go through the same verified, contained extraction as a pull (their diff IDs come
// from the verified config). A failed load leaves the store as it was.
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { isRootless } from '../config/store-paths.js';
import { withLayerLock } from './layer-lock.js';
import type { Store } from '../state/store.js';
import { DirectorySource, spoolArchive, type ArchiveSource } from './archive-source.js';
import { planArchive, type ImagePlan } from './archive-plan.js';
import { recordImage, removeUnusedLayers, sha256Digest } from './image-commit.js';
import { ImageError } from './image-errors.js';
import type { LoadEventListener } from './load-events.js';
import type { LayerStore } from './layer-store.js';
import { buildManifest } from './manifest-build.js';
import { imageStores } from './stored-image.js';
import { imageStoreLayout } from './store-layout.js';
import { sweepStaleTemp } from './temp-files.js';

/** How long to wait for another process unpacking the same layer. */
const LAYER_LOCK_TIMEOUT_MS = 60 * 60 * 1000;

export interface LoadOptions {
  /** A file or folder path, or a stream of a tar archive (stdin). */
  input: string | Readable;
  onEvent?: LoadEventListener;
}

export interface LoadedImage {
  imageId: string;
  names: string[];
}

async function openInput(input: string | Readable, tmpDir: string): Promise<ArchiveSource> {
  if (typeof input !== 'string') return spoolArchive(input, tmpDir, 'the archive on stdin');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch (error) {
    throw new ImageError(
      `loading ${input}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read it'}: check the path`,
      {
        cause: error,
      },
    );
  }
  if (isDirectory) return new DirectorySource(input);
  return spoolArchive(createReadStream(input), tmpDir, input);
}

/** Unpacks the layers of one image (verified against the config's diff IDs); returns those it created. */
export async function ingestPlannedLayers(
  store: Store,
  layers: LayerStore,
  source: ArchiveSource,
  plan: ImagePlan,
  emit: LoadEventListener,
  created: string[],
): Promise<void> {
  for (const layer of plan.layers) {
    const total = layer.size ?? source.size(layer.entry);
    const base = {
      type: 'layer' as const,
      digest: layer.digest ?? layer.diffId,
      diffId: layer.diffId,
      total,
    };
    await withLayerLock(
      store.db,
      layer.diffId,
      async () => {
        if (layers.has(layer.diffId)) return emit({ ...base, status: 'skipped', done: total });
        emit({ ...base, status: 'started', done: 0 });
        await layers.ingest({
          diffId: layer.diffId,
          compressedDigest: layer.digest,
          compressedSize: layer.size,
          what: `layer ${layer.entry} of ${source.what}`,
          privileged: !isRootless(),
          open: async () => source.open(layer.entry),
          onProgress: (done) => emit({ ...base, status: 'progress', done }),
        });
        created.push(layer.diffId);
        emit({ ...base, status: 'done', done: total });
      },
      LAYER_LOCK_TIMEOUT_MS,
    );
  }
}

/** The manifest for an image that came without one: Docker schema 2 over the kept blobs. */
function madeManifest(
  layers: LayerStore,
  plan: ImagePlan,
): { digest: string; body: Buffer; mediaType: string } {
  const built = buildManifest(
    'v2s2',
    { digest: sha256Digest(plan.configBody), size: plan.configBody.length },
    plan.layers.map((l) => {
      const info = layers.info(l.diffId)!;
      return { digest: info.compressedDigest, size: info.compressedSize, compression: info.compression };
    }),
  );
  return { ...built, digest: sha256Digest(built.body) };
}

export async function loadImages(store: Store, options: LoadOptions): Promise<LoadedImage[]> {
  const emit: LoadEventListener = options.onEvent ?? (() => {});
  const layout = imageStoreLayout(store.paths.graphRoot);
  sweepStaleTemp(layout.tmpDir);
  const { layers, blobs } = imageStores(store);
  const source = await openInput(options.input, layout.tmpDir);
  const created: string[] = [];
  try {
    const plans = planArchive(source);
    const loaded: LoadedImage[] = [];
    for (const plan of plans) {
      await ingestPlannedLayers(store, layers, source, plan, emit, created);
      emit({ type: 'config', digest: sha256Digest(plan.configBody) });
      const made = plan.manifests.length === 0 ? madeManifest(layers, plan) : undefined;
      const imageId = await recordImage(store, layers, blobs, {
        manifests: made ? [made] : plan.manifests,
        manifestMediaType: made?.mediaType ?? plan.manifestMediaType!,
        configBody: plan.configBody,
        config: plan.config,
        names: plan.names,
        what: `loading ${source.what}`,
        retry: 'run the load again',
      });
      emit({ type: 'stored', imageId, names: plan.names });
      loaded.push({ imageId, names: plan.names });
    }
    return loaded;
  } catch (error) {
    await removeUnusedLayers(store, layers, created);
    throw error;
  } finally {
    source.close();
  }
}
