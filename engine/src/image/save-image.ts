// `save`: stored images out as a docker-archive (manifest.json + repositories, uncompressed
// `<diff-id>.tar` layers, as podman writes it), an oci-archive or oci-dir (blobs as kept, so
// digests match the registry's), or a docker-dir (containers' `dir:` layout). An archive is
// written to a temporary file beside the output and renamed at the end: a failed save leaves no
// partial file behind.
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { pipeline, type Readable, type Writable } from 'node:stream';
import tar from 'tar-stream';
import type { Store } from '../state/store.js';
import { createAutoDecompressor } from './decompress.js';
import { createDigestVerifier } from './digest-verifier.js';
import { sha256Digest } from './image-commit.js';
import { ImageError } from './image-errors.js';
import { nameMeantBy, requireImage } from './image-lookup.js';
import type { LayerInfo, LayerStore } from './layer-store.js';
import { buildManifest, formatOfMediaType, type ManifestFormat } from './manifest-build.js';
import type { LoadEventListener } from './load-events.js';
import { imageStores, readStoredImage, type StoredImage } from './stored-image.js';
import { digestHex } from './store-layout.js';

export type SaveFormat = 'docker-archive' | 'oci-archive' | 'oci-dir' | 'docker-dir';

export interface SaveOptions {
  images: readonly string[];
  format: SaveFormat;
  /** A path (a file for archives, a folder for the -dir formats), or a stream (stdout). */
  output: string | Writable;
  searchRegistries?: readonly string[];
  onEvent?: LoadEventListener;
}

interface SavedImage {
  image: StoredImage;
  /** The name to save it under, or undefined when it was given by ID and has no name. */
  name?: string;
}

/** Where entries go: a tar being written, or a folder. */
interface EntrySink {
  small(name: string, data: Buffer): Promise<void>;
  stream(name: string, size: number, data: Readable): Promise<void>;
}

function tarSink(pack: tar.Pack): EntrySink {
  // Fixed metadata (as podman's archives have): the same images give the same archive bytes.
  const header = (name: string, size: number) => ({
    name,
    size,
    mode: 0o444,
    mtime: new Date(0),
    uid: 0,
    gid: 0,
  });
  return {
    small: async (name, data) => {
      await new Promise<void>((resolve, reject) =>
        pack.entry(header(name, data.length), data, (e) => (e ? reject(e) : resolve())),
      );
    },
    stream: (name, size, data) =>
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry(header(name, size), (e) => (e ? reject(e) : resolve()));
        pipeline(data, entry, (e) => {
          if (e) reject(e);
        });
      }),
  };
}

function dirSink(dir: string): EntrySink {
  return {
    small: async (name, data) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), data);
    },
    stream: async (name, _size, data) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      await pipelineAsync(data, createWriteStream(path.join(dir, name)));
    },
  };
}

/** The kept blob, checked against its digest as it is read. */
function keptBlob(layers: LayerStore, diffId: string): Readable {
  const info = layers.info(diffId)!;
  return pipeline(
    layers.openBlob(diffId),
    createDigestVerifier({
      expectedDigest: info.compressedDigest,
      expectedSize: info.compressedSize,
      what: `layer ${info.compressedDigest} in the local store`,
    }),
    () => {},
  );
}

/** Reports a kept blob as copied. */
function emitKeptBlob(emit: LoadEventListener, diffId: string, info: LayerInfo): void {
  const size = info.compressedSize;
  emit({ type: 'layer', digest: info.compressedDigest, diffId, status: 'done', done: size, total: size });
}

/** The layer as an uncompressed tar (docker-archive), checked against its diff ID. */
function layerTar(layers: LayerStore, diffId: string): Readable {
  const info = layers.info(diffId)!;
  return pipeline(
    layers.openBlob(diffId),
    createAutoDecompressor(),
    createDigestVerifier({
      expectedDigest: diffId,
      expectedSize: info.size,
      what: `layer ${diffId} in the local store`,
    }),
    () => {},
  );
}

/** The image's manifest in `format`, describing exactly the kept blobs. */
function manifestFor(
  layers: LayerStore,
  image: StoredImage,
  format: ManifestFormat,
): { body: Buffer; mediaType: string; digest: string } {
  const kept = image.layers.map(({ diffId }) => {
    const info = layers.info(diffId)!;
    return { digest: info.compressedDigest, size: info.compressedSize, compression: info.compression };
  });
  const stored = image.manifest;
  if (
    stored &&
    formatOfMediaType(stored.mediaType) === format &&
    stored.parsed.layers.length === kept.length &&
    stored.parsed.layers.every((l, i) => l.digest === kept[i]!.digest)
  )
    return { body: stored.body, mediaType: stored.mediaType, digest: stored.digest };
  const built = buildManifest(format, { digest: image.configDigest, size: image.configBody.length }, kept);
  return { ...built, digest: sha256Digest(built.body) };
}

async function writeDockerArchive(
  sink: EntrySink,
  layers: LayerStore,
  images: SavedImage[],
  emit: LoadEventListener,
): Promise<void> {
  const written = new Set<string>();
  const manifest: { Config: string; RepoTags: string[] | null; Layers: string[] }[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const { image, name } of images) {
    for (const { diffId, info } of image.layers) {
      const file = `${digestHex(diffId)}.tar`;
      if (!written.has(file)) {
        written.add(file);
        await sink.stream(file, info.size, layerTar(layers, diffId));
      }
      emit({ type: 'layer', digest: diffId, diffId, status: 'done', done: info.size, total: info.size });
    }
    const config = `${image.record.id}.json`;
    if (!written.has(config)) {
      written.add(config);
      await sink.small(config, image.configBody);
    }
    emit({ type: 'config', digest: image.configDigest });
    manifest.push({
      Config: config,
      RepoTags: name ? [name] : null,
      Layers: image.layers.map((l) => `${digestHex(l.diffId)}.tar`),
    });
    if (name) {
      const colon = name.lastIndexOf(':');
      const top = image.record.topLayer || image.configDigest;
      repositories[name.slice(0, colon)] = {
        ...repositories[name.slice(0, colon)],
        [name.slice(colon + 1)]: digestHex(top),
      };
    }
  }
  await sink.small('manifest.json', Buffer.from(JSON.stringify(manifest)));
  await sink.small('repositories', Buffer.from(JSON.stringify(repositories)));
}

async function writeOciLayout(
  sink: EntrySink,
  layers: LayerStore,
  images: SavedImage[],
  emit: LoadEventListener,
): Promise<void> {
  const written = new Set<string>();
  const blob = async (digest: string, write: () => Promise<void>) => {
    if (written.has(digest)) return;
    written.add(digest);
    await write();
  };
  const index: { schemaVersion: 2; manifests: object[] } = { schemaVersion: 2, manifests: [] };
  for (const { image, name } of images) {
    for (const { diffId, info } of image.layers) {
      await blob(info.compressedDigest, () =>
        sink.stream(
          `blobs/sha256/${digestHex(info.compressedDigest)}`,
          info.compressedSize,
          keptBlob(layers, diffId),
        ),
      );
      emitKeptBlob(emit, diffId, info);
    }
    await blob(image.configDigest, () => sink.small(`blobs/sha256/${image.record.id}`, image.configBody));
    emit({ type: 'config', digest: image.configDigest });
    const manifest = manifestFor(layers, image, 'oci');
    await blob(manifest.digest, () =>
      sink.small(`blobs/sha256/${digestHex(manifest.digest)}`, manifest.body),
    );
    index.manifests.push({
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.body.length,
      ...(name ? { annotations: { 'org.opencontainers.image.ref.name': name } } : {}),
    });
  }
  await sink.small('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  await sink.small('index.json', Buffer.from(JSON.stringify(index)));
}

async function writeDockerDir(
  sink: EntrySink,
  layers: LayerStore,
  { image }: SavedImage,
  emit: LoadEventListener,
): Promise<void> {
  for (const { diffId, info } of image.layers) {
    await sink.stream(digestHex(info.compressedDigest), info.compressedSize, keptBlob(layers, diffId));
    emitKeptBlob(emit, diffId, info);
  }
  await sink.small(image.record.id, image.configBody);
  emit({ type: 'config', digest: image.configDigest });
  const format = image.manifest ? formatOfMediaType(image.manifest.mediaType) : 'v2s2';
  await sink.small('manifest.json', manifestFor(layers, image, format).body);
  await sink.small('version', Buffer.from('Directory Transport Version: 1.1\n'));
}

export async function saveImages(store: Store, options: SaveOptions): Promise<void> {
  const emit = options.onEvent ?? (() => {});
  if (options.images.length > 1 && options.format !== 'docker-archive')
    throw new ImageError(
      `saving several images needs --format docker-archive (${options.format} holds one image)`,
    );
  const { layers, blobs } = imageStores(store);
  const images: SavedImage[] = options.images.map((input) => {
    const record = requireImage(store.db, input, options.searchRegistries);
    const byId = record.id.startsWith(input.replace(/^sha256:/, ''));
    return {
      image: readStoredImage(layers, blobs, record),
      name: byId ? undefined : (nameMeantBy(record, input, options.searchRegistries) ?? record.names[0]),
    };
  });
  const isDir = options.format === 'oci-dir' || options.format === 'docker-dir';
  const write = (sink: EntrySink) =>
    options.format === 'docker-archive'
      ? writeDockerArchive(sink, layers, images, emit)
      : options.format === 'docker-dir'
        ? writeDockerDir(sink, layers, images[0]!, emit)
        : writeOciLayout(sink, layers, images, emit);
  if (isDir) {
    if (typeof options.output !== 'string')
      throw new ImageError(`--format ${options.format} writes a folder: give it with -o`);
    mkdirSync(options.output, { recursive: true });
    await write(dirSink(options.output));
    return;
  }
  const pack = tar.pack();
  const tmp = typeof options.output === 'string' ? `${options.output}.berth-${process.pid}.tmp` : undefined;
  const out = tmp ? createWriteStream(tmp, { mode: 0o644 }) : (options.output as Writable);
  const writing = pipelineAsync(pack, out, { end: tmp !== undefined });
  try {
    await write(tarSink(pack));
    pack.finalize();
    await writing;
    if (tmp) renameSync(tmp, options.output as string);
  } catch (error) {
    pack.destroy();
    await writing.catch(() => {});
    if (tmp) rmSync(tmp, { force: true });
    throw error;
  }
}
