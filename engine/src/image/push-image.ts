// `push`: sends a stored image to a registry. Per blob (config and layers, a few at a time): a HEAD
// to skip what the repository has; a cross-repository mount when the blob is known in another
// repository of the same registry (where the layer was pulled from, or another name of the
// image); else an upload of the kept blob as it is, so digests match the pulled manifest. Layers
// kept uncompressed (load, import) are gzip-compressed on the way, deterministically, and the
// result recorded. The manifest goes last: until then nothing refers to the new blobs, so a push
// that fails or is cancelled before it leaves no tag (the blobs sent stay unreferenced, and the
// registry's garbage collection reclaims them).
import { pipeline, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import {
  findRegistryEntry,
  loadRegistriesConf,
  pullSources,
  type RegistriesConf,
} from '../config/registries-conf.js';
import { lookupCredentials } from '../config/registry-credentials.js';
import type { Store } from '../state/store.js';
import { sha256Digest } from './image-commit.js';
import { createDigestVerifier } from './digest-verifier.js';
import { ImageError } from './image-errors.js';
import { nameMeantBy, requireImage, splitName } from './image-lookup.js';
import type { ImageRecord } from './image-records.js';
import type { LayerInfo, LayerStore } from './layer-store.js';
import { buildManifest, formatOfMediaType, type LayerBlob, type ManifestFormat } from './manifest-build.js';
import type { PushEvent, PushEventListener } from './push-events.js';
import {
  formatReference,
  parseReference,
  qualify,
  withDefaultTag,
  type QualifiedReference,
} from './reference.js';
import { RegistryClient } from './registry-client.js';
import {
  blobExists,
  mountBlob,
  putManifest,
  startUpload,
  uploadChunked,
  uploadMonolithic,
} from './registry-upload.js';
import { runLimited } from './run-limited.js';
import { imageStores, readStoredImage, type StoredImage } from './stored-image.js';

const DEFAULT_PARALLEL_BLOBS = 4;

export interface PushOptions {
  /** The local image: name or ID. */
  image: string;
  /** Where to: `host[:port]/path[:tag]`, optionally `docker://`; default the image's name. */
  destination?: string;
  /** Manifest format; default the stored manifest's. */
  format?: ManifestFormat;
  tlsVerify?: boolean;
  creds?: string;
  authfile?: string;
  certDir?: string;
  env?: NodeJS.ProcessEnv;
  registriesConf?: RegistriesConf;
  onEvent?: PushEventListener;
  parallelBlobs?: number;
  /**
   * Aborting stops the push at once: requests in flight (uploads included) are cut, no further
   * blob is sent, the manifest is not written, and the push fails with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface PushResult {
  destination: string;
  manifestDigest: string;
}

interface Target {
  client: RegistryClient;
  signal: AbortSignal | undefined;
  registry: string;
  repository: string;
  emit: PushEventListener;
  /** `repository` paths on the same registry where the image's blobs may already be. */
  mountSources: string[];
}

function pushDestination(
  record: ImageRecord,
  input: string,
  destination: string | undefined,
  searchRegistries: readonly string[],
): QualifiedReference {
  let text = destination ?? nameMeantBy(record, input, searchRegistries) ?? record.names[0];
  if (text === undefined)
    throw new ImageError(
      `${input}: the image has no name to push to: give a destination, e.g. berth push ${input} registry.example.com/name:tag`,
    );
  const transport = /^([a-z-]+):(?!\d)/.exec(text);
  if (transport && transport[1] !== 'docker')
    throw new ImageError(
      `${text}: push sends images to registries (docker://); for the "${transport[1]}" transport use berth save`,
    );
  text = text.replace(/^docker:\/\//, '');
  const ref = parseReference(text);
  if (ref.digest !== undefined)
    throw new ImageError(`${text}: cannot push to a digest reference: use repository:tag`);
  return withDefaultTag(qualify(ref));
}

/** Other repositories of the destination registry that this image's names point at. */
function mountCandidates(record: ImageRecord, registry: string, repository: string): string[] {
  const out: string[] = [];
  for (const name of [...record.names, ...record.namesHistory]) {
    const full = splitName(name).repository;
    const slash = full.indexOf('/');
    if (full.slice(0, slash) === registry && full.slice(slash + 1) !== repository)
      out.push(full.slice(slash + 1));
  }
  return [...new Set(out)];
}

/** Emits at most a few progress events a second per blob, plus the last one. */
function progressEmitter(
  emit: PushEventListener,
  base: Omit<Extract<PushEvent, { type: 'layer' }>, 'status' | 'done'>,
) {
  let last = 0;
  return (bytes: number) => {
    const now = Date.now();
    if (now - last >= 100 || bytes === base.total) {
      last = now;
      emit({ ...base, status: 'progress', done: bytes });
    }
  };
}

/** HEAD, then a mount from the first candidate; else the upload location to send the blob to. */
async function findOrMount(
  target: Target,
  digest: string,
  candidates: string[],
): Promise<{ found: 'exists' | 'mounted' } | { location: string }> {
  if (await blobExists(target.client, target.repository, digest)) return { found: 'exists' };
  const from = candidates[0];
  if (from === undefined) return { location: await startUpload(target.client, target.repository) };
  const mounted = await mountBlob(target.client, target.repository, digest, from);
  // A failed mount opened an upload session: use it rather than open another.
  return mounted.mounted ? { found: 'mounted' } : { location: mounted.location };
}

async function pushLayer(
  target: Target,
  layers: LayerStore,
  diffId: string,
  info: LayerInfo,
): Promise<LayerBlob> {
  target.signal?.throwIfAborted();
  const compressOnTheWay = info.compression === 'none';
  const source = compressOnTheWay
    ? { digest: diffId, size: info.size }
    : { digest: info.compressedDigest, size: info.compressedSize };
  const base = { type: 'layer' as const, digest: source.digest, diffId, total: source.size };
  const known = compressOnTheWay ? info.gzip : source;
  const compression = compressOnTheWay ? 'gzip' : info.compression;
  const candidates = [
    ...(info.source?.startsWith(`${target.registry}/`)
      ? [info.source.slice(target.registry.length + 1)]
      : []),
    ...target.mountSources,
  ].filter((r, i, all) => r !== target.repository && all.indexOf(r) === i);
  let location: string | undefined;
  if (known) {
    const found = await findOrMount(target, known.digest, candidates);
    if ('found' in found) {
      target.emit({ ...base, status: 'skipped', done: source.size, reason: found.found });
      return { ...known, compression };
    }
    location = found.location;
  }
  location ??= await startUpload(target.client, target.repository);
  target.signal?.throwIfAborted();
  target.emit({ ...base, status: 'started', done: 0 });
  // A fresh check per attempt: a retried upload reads the blob again from the start.
  const read = (): Readable =>
    pipeline(
      layers.openBlob(diffId),
      createDigestVerifier({
        expectedDigest: source.digest,
        expectedSize: source.size,
        what: `layer ${source.digest} in the local store`,
        onBytes: progressEmitter(target.emit, base),
      }),
      () => {},
    );
  if (!compressOnTheWay) {
    await uploadMonolithic(target.client, target.repository, location, { ...source, open: read });
    target.emit({ ...base, status: 'done', done: source.size });
    return { ...source, compression };
  }
  // Level 6, no name, mtime 0: the same tar always gives the same gzip bytes (with one zlib).
  const measure = createDigestVerifier({ what: `gzip of layer ${diffId}` });
  const body = pipeline(read(), createGzip({ level: 6 }), measure, () => {});
  await uploadChunked(target.client, target.repository, location, body, () => measure.digest!);
  const gzip = { digest: measure.digest!, size: measure.bytes };
  layers.recordGzip(diffId, gzip);
  target.emit({ ...base, status: 'done', done: source.size });
  return { ...gzip, compression };
}

async function pushConfig(target: Target, image: StoredImage): Promise<void> {
  target.signal?.throwIfAborted();
  const found = await findOrMount(target, image.configDigest, target.mountSources);
  if ('location' in found)
    await uploadMonolithic(target.client, target.repository, found.location, {
      digest: image.configDigest,
      size: image.configBody.length,
      open: () => image.configBody,
    });
  target.emit({ type: 'config', digest: image.configDigest });
}

/** The stored manifest when it describes exactly what was sent in the wanted format, else a new one. */
function manifestToPush(
  image: StoredImage,
  sent: readonly LayerBlob[],
  format: ManifestFormat | undefined,
): { body: Buffer; mediaType: string; digest: string } {
  const stored = image.manifest;
  const wanted = format ?? (stored ? formatOfMediaType(stored.mediaType) : 'oci');
  if (
    stored &&
    formatOfMediaType(stored.mediaType) === wanted &&
    stored.parsed.layers.length === sent.length &&
    stored.parsed.layers.every((l, i) => l.digest === sent[i]!.digest)
  )
    return { body: stored.body, mediaType: stored.mediaType, digest: stored.digest };
  const built = buildManifest(wanted, { digest: image.configDigest, size: image.configBody.length }, sent);
  return { ...built, digest: sha256Digest(built.body) };
}

export async function pushImage(store: Store, options: PushOptions): Promise<PushResult> {
  const env = options.env ?? process.env;
  const conf = options.registriesConf ?? loadRegistriesConf(env);
  const emit = options.onEvent ?? (() => {});
  const record = requireImage(store.db, options.image, conf.unqualifiedSearchRegistries);
  const destination = pushDestination(
    record,
    options.image,
    options.destination,
    conf.unqualifiedSearchRegistries,
  );
  const name = formatReference(destination);
  const repository = `${destination.domain}/${destination.path}`;
  if (findRegistryEntry(conf, repository)?.blocked)
    throw new ImageError(
      `pushing to ${name}: the registry is blocked in registries.conf (${conf.sources.join(', ')}): remove blocked = true to push to it`,
    );
  // Pushes go to the registry itself (after a `location` rewrite), never to a mirror.
  const endpoint = pullSources(conf, repository, false, options.tlsVerify).at(-1)!;
  const client = new RegistryClient({
    registry: endpoint.registry,
    insecure: endpoint.insecure,
    certDir: options.certDir,
    credentials: lookupCredentials(endpoint.registry, endpoint.repository, {
      creds: options.creds,
      authfile: options.authfile,
      env,
    }),
  });
  // Closing the client destroys its sockets: every request in flight fails at once, and an
  // upload's pipeline then stops reading the blob.
  const { signal } = options;
  const cut = () => void client.close();
  signal?.addEventListener('abort', cut, { once: true });
  try {
    signal?.throwIfAborted();
    const { layers, blobs } = imageStores(store);
    const image = readStoredImage(layers, blobs, record);
    const target: Target = {
      client,
      signal,
      registry: endpoint.registry,
      repository: endpoint.repository,
      emit,
      mountSources: mountCandidates(record, endpoint.registry, endpoint.repository),
    };
    emit({ type: 'started', destination: name, layers: image.layers.length });
    const sent: LayerBlob[] = [];
    await runLimited(
      image.layers.map((layer, index) => ({ ...layer, index })),
      options.parallelBlobs ?? DEFAULT_PARALLEL_BLOBS,
      async ({ diffId, info, index }) => {
        sent[index] = await pushLayer(target, layers, diffId, info);
      },
    );
    await pushConfig(target, image);
    const manifest = manifestToPush(image, sent, options.format);
    // The last moment a cancel can still leave the destination without the tag.
    signal?.throwIfAborted();
    const manifestDigest = await putManifest(client, endpoint.repository, destination.tag!, manifest);
    emit({ type: 'manifest', digest: manifestDigest });
    return { destination: name, manifestDigest };
  } catch (error) {
    // A cut request fails as a network error: report the cancel, not the network.
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ImageError && !error.message.includes(name)) {
      const Same = error.constructor as typeof ImageError;
      throw new Same(`pushing ${name}: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', cut);
    await client.close();
  }
}
