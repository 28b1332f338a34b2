// Each build step's result is an image of its own (unnamed, as podman's intermediate images are):
// the parent's config with the step's change, plus the step's layer when it changed files. Steps
// that only change the config (ENV, LABEL, CMD...) add no layer, only a history entry marked
// `empty_layer`. Recording goes through the image domain like a commit, so a step's image is
// what `run` and the cache use, and the last one is the build's result.
import { recordImage, sha256Digest } from '../image/image-commit.js';
import type { LayerStore } from '../image/layer-store.js';
import { buildManifest } from '../image/manifest-build.js';
import { parseImageConfig, type ImageConfig } from '../image/manifest.js';
import type { BlobStore } from '../image/blob-store.js';
import type { RunConfig } from '../image/config-changes.js';
import type { Store } from '../state/store.js';

export interface StepResult {
  config: ImageConfig;
  runConfig: RunConfig;
  /** A new layer's diff ID, or none for a config-only step. */
  layer?: string;
  createdBy: string;
  /** Docker schema 2 instead of OCI (`--format docker`). */
  docker: boolean;
}

export function runConfigOf(config: ImageConfig): RunConfig {
  return { ...((config.config ?? {}) as RunConfig) };
}

/** Records the step's image; returns its ID and config. */
export async function recordStepImage(
  store: Store,
  stores: { layers: LayerStore; blobs: BlobStore },
  step: StepResult,
): Promise<{ imageId: string; config: ImageConfig }> {
  const now = new Date().toISOString();
  const runConfig: RunConfig = { ...step.runConfig };
  for (const key of Object.keys(runConfig)) if (runConfig[key] === undefined) delete runConfig[key];
  const diffIds = [...step.config.rootfs.diff_ids, ...(step.layer ? [step.layer] : [])];
  const config: ImageConfig = {
    ...step.config,
    created: now,
    config: runConfig,
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: [
      ...(step.config.history ?? []),
      { created: now, created_by: step.createdBy, ...(step.layer ? {} : { empty_layer: true }) },
    ],
  };
  const configBody = Buffer.from(JSON.stringify(config));
  const configDigest = sha256Digest(configBody);
  const manifest = buildManifest(
    step.docker ? 'v2s2' : 'oci',
    { digest: configDigest, size: configBody.length },
    diffIds.map((diffId) => {
      const info = stores.layers.info(diffId);
      if (!info)
        throw new Error(
          `layer ${diffId} vanished from the store during the build (a concurrent rmi or prune?): run the build again`,
        );
      return { digest: info.compressedDigest, size: info.compressedSize, compression: info.compression };
    }),
  );
  const imageId = await recordImage(store, stores.layers, stores.blobs, {
    manifests: [{ digest: sha256Digest(manifest.body), body: manifest.body }],
    manifestMediaType: manifest.mediaType,
    configBody,
    config: parseImageConfig(configBody, 'the config of a build step'),
    names: [],
    what: 'building',
    retry: 'run the build again',
  });
  return { imageId, config };
}
