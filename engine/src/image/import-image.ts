// `import`: a filesystem tarball (a file, an http(s) URL, or stdin; plain, gzip or zstd) becomes a
// one-layer image, as podman makes it: an OCI manifest, a config with the --change instructions
// applied, and one history entry carrying --message. The tarball is unpacked with the same
// contained extraction as any layer, and kept as the layer's blob.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { request } from 'undici';
import { isRootless } from '../config/store-paths.js';
import type { Store } from '../state/store.js';
import { applyChanges, type RunConfig } from './config-changes.js';
import { recordImage, removeUnusedLayers, sha256Digest } from './image-commit.js';
import { ImageError } from './image-errors.js';
import { normalizeNewName } from './image-names.js';
import type { LoadEventListener } from './load-events.js';
import { buildManifest } from './manifest-build.js';
import { parseImageConfig } from './manifest.js';
import { requestedPlatform } from './platform.js';
import { imageStores } from './stored-image.js';
import { imageStoreLayout } from './store-layout.js';
import { sweepStaleTemp } from './temp-files.js';

export interface ImportOptions {
  /** A path, an http(s) URL, or a stream (stdin). */
  input: string | Readable;
  /** The name to give the image (short names become localhost/NAME:latest). */
  reference?: string;
  changes?: readonly string[];
  message?: string;
  platform?: string;
  arch?: string;
  os?: string;
  variant?: string;
  onEvent?: LoadEventListener;
}

async function openTarball(input: string | Readable): Promise<Readable> {
  if (typeof input !== 'string') return input;
  if (!/^https?:\/\//.test(input)) return createReadStream(input, { highWaterMark: 1024 * 1024 });
  let res;
  try {
    res = await request(input, { maxRedirections: 5 } as Parameters<typeof request>[1]);
  } catch (error) {
    throw new ImageError(`importing ${input}: ${(error as Error).message}: check the URL and your network`, {
      cause: error,
    });
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new ImageError(`importing ${input}: the server answered HTTP ${res.statusCode}: check the URL`);
  }
  return res.body;
}

export async function importImage(store: Store, options: ImportOptions): Promise<string> {
  const emit = options.onEvent ?? (() => {});
  const what = typeof options.input === 'string' && options.input !== '-' ? options.input : 'stdin';
  const names = options.reference ? [normalizeNewName(options.reference)] : [];
  // Validate everything the user typed before reading a possibly large tarball.
  const runConfig: RunConfig = applyChanges({}, options.changes ?? []);
  const platform = requestedPlatform(options);
  const layout = imageStoreLayout(store.paths.graphRoot);
  sweepStaleTemp(layout.tmpDir);
  const { layers, blobs } = imageStores(store);
  const created: string[] = [];
  try {
    const { info, created: made } = await layers.ingest({
      what: `tarball ${what}`,
      privileged: !isRootless(),
      open: () => openTarball(options.input),
    });
    if (made) created.push(info.diffId);
    emit({
      type: 'layer',
      digest: info.diffId,
      diffId: info.diffId,
      status: 'done',
      done: info.size,
      total: info.size,
    });
    const now = new Date().toISOString();
    const configBody = Buffer.from(
      JSON.stringify({
        created: now,
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        config: runConfig,
        rootfs: { type: 'layers', diff_ids: [info.diffId] },
        history: [
          {
            created: now,
            created_by: `/bin/sh -c #(nop) ADD file:${info.diffId.slice('sha256:'.length)} in /`,
            ...(options.message ? { comment: options.message } : {}),
          },
        ],
      }),
    );
    const configDigest = sha256Digest(configBody);
    emit({ type: 'config', digest: configDigest });
    const manifest = buildManifest('oci', { digest: configDigest, size: configBody.length }, [
      { digest: info.compressedDigest, size: info.compressedSize, compression: info.compression },
    ]);
    const imageId = await recordImage(store, layers, blobs, {
      manifests: [{ digest: sha256Digest(manifest.body), body: manifest.body }],
      manifestMediaType: manifest.mediaType,
      configBody,
      config: parseImageConfig(configBody, 'the new config'),
      names,
      what: `importing ${what}`,
      retry: 'run the import again',
    });
    emit({ type: 'stored', imageId, names });
    return imageId;
  } catch (error) {
    await removeUnusedLayers(store, layers, created);
    throw error;
  }
}
