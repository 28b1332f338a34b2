// `pull`: resolve the reference (short names through the search registries, mirrors from
// registries.conf), fetch the manifest (choosing a platform from an index), then the config and
// the layers — in parallel, each verified while it streams and unpacked once — and only then
// record the image. A failed pull leaves the store as it was: no record, and the layers it
// unpacked are removed again unless another image uses them.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  loadRegistriesConf,
  pullSources,
  type PullSource,
  type RegistriesConf,
} from '../config/registries-conf.js';
import { lookupCredentials } from '../config/registry-credentials.js';
import { isRootless } from '../config/store-paths.js';
import { appendEvent } from '../events/append-event.js';
import { withLock } from '../state/object-lock.js';
import { withLayerLock } from './layer-lock.js';
import type { Store } from '../state/store.js';
import { BlobStore } from './blob-store.js';
import {
  DigestMismatchError,
  ImageError,
  MalformedContentError,
  ManifestUnknownError,
  RegistryUnreachableError,
} from './image-errors.js';
import { recordImage } from './image-commit.js';
import { runLimited } from './run-limited.js';
import { referencedDiffIds } from './image-records.js';
import { LayerStore } from './layer-store.js';
import {
  parseImageConfig,
  parseManifest,
  selectPlatformManifest,
  type ImageConfig,
  type ImageManifest,
} from './manifest.js';
import { formatPlatform, normalizeArchitecture, requestedPlatform, type Platform } from './platform.js';
import type { PullEvent, PullEventListener } from './pull-events.js';
import { formatReference, resolveShortName, type QualifiedReference } from './reference.js';
import { RegistryClient } from './registry-client.js';
import { imageStoreLayout } from './store-layout.js';
import { sweepStaleTemp } from './temp-files.js';

const CONFIG_SIZE_LIMIT = 16 * 1024 * 1024;
const DEFAULT_PARALLEL_LAYERS = 4;
/** How long to wait for another process that is unpacking the same layer. */
const LAYER_LOCK_TIMEOUT_MS = 60 * 60 * 1000;

export interface PullOptions {
  reference: string;
  platform?: string;
  arch?: string;
  os?: string;
  variant?: string;
  /** undefined: registries.conf and loopback decide; false: allow plain HTTP; true: require TLS. */
  tlsVerify?: boolean;
  creds?: string;
  authfile?: string;
  /** --cert-dir: CA certificates and client certificate for every registry this pull contacts. */
  certDir?: string;
  env?: NodeJS.ProcessEnv;
  registriesConf?: RegistriesConf;
  onEvent?: PullEventListener;
  parallelLayers?: number;
  /**
   * Aborting stops the pull (downloads in flight are cut) and it fails with the signal's reason,
   * leaving the store as it was. Once the image is recorded the pull has happened.
   */
  signal?: AbortSignal;
}

export interface PullResult {
  imageId: string;
  /** The name the image was stored under, e.g. `docker.io/library/busybox:latest`. */
  name: string;
  manifestDigest: string;
}

interface ResolvedImage {
  client: RegistryClient;
  source: PullSource;
  topDigest: string;
  topBody: Buffer;
  instanceDigest: string;
  instanceBody: Buffer;
  manifestMediaType: string;
  manifest: ImageManifest;
  configBody: Buffer;
  config: ImageConfig;
}

async function readSmallBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  what: string,
): Promise<Buffer> {
  const blob = await client.getBlob(repository, digest);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of blob.stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > CONFIG_SIZE_LIMIT) {
      blob.stream.destroy();
      throw new MalformedContentError(`${what} is larger than ${CONFIG_SIZE_LIMIT} bytes; refusing it`);
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const actual = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  if (actual !== digest) {
    throw new DigestMismatchError(
      `${what}: digest mismatch: expected ${digest}, got ${actual}: the content was corrupted or tampered with on the way: retry the pull`,
    );
  }
  return body;
}

/** Manifest (through an index if need be) and config of one candidate from one source. */
async function resolveImage(
  client: RegistryClient,
  source: PullSource,
  ref: QualifiedReference,
  wanted: Platform,
  emit: PullEventListener,
): Promise<ResolvedImage> {
  const where = `${source.registry}/${source.repository}`;
  const top = await client.getManifest(source.repository, ref.digest ?? ref.tag!);
  let parsed = parseManifest(top.body, top.mediaType, `manifest ${ref.digest ?? ref.tag} of ${where}`);
  let instance = top;
  if (parsed.kind === 'index') {
    const chosen = selectPlatformManifest(parsed.index, wanted, `${where}:${ref.tag ?? ref.digest}`);
    instance = await client.getManifest(source.repository, chosen.digest);
    parsed = parseManifest(
      instance.body,
      instance.mediaType || chosen.mediaType,
      `manifest ${chosen.digest} of ${where}`,
    );
    if (parsed.kind !== 'manifest')
      throw new MalformedContentError(
        `manifest ${chosen.digest} of ${where} is an index inside an index; Berth does not follow nested indexes`,
      );
  }
  const manifest = parsed.manifest;
  const configBody = await readSmallBlob(
    client,
    source.repository,
    manifest.config.digest,
    `config ${manifest.config.digest} of ${where}`,
  );
  const config = parseImageConfig(configBody, `config ${manifest.config.digest} of ${where}`);
  if (config.rootfs.diff_ids.length !== manifest.layers.length)
    throw new MalformedContentError(
      `image ${where}: its manifest lists ${manifest.layers.length} layers but its config ${config.rootfs.diff_ids.length} diff IDs: the image is broken; rebuild or re-push it`,
    );
  const actual: Platform = {
    os: config.os,
    architecture: normalizeArchitecture(config.architecture),
    variant: config.variant,
  };
  if (actual.os !== wanted.os || actual.architecture !== wanted.architecture)
    emit({
      type: 'warning',
      message: `image platform (${formatPlatform(actual)}) does not match the expected platform (${formatPlatform(wanted)})`,
    });
  return {
    client,
    source,
    topDigest: top.digest,
    topBody: top.body,
    instanceDigest: instance.digest,
    instanceBody: instance.body,
    manifestMediaType: parsed.mediaType,
    manifest,
    configBody,
    config,
  };
}

/** Cuts a download when the pull is aborted. */
function abortStreamOn(stream: Readable, signal: AbortSignal | undefined): void {
  if (!signal) return;
  const onAbort = () => {
    stream.destroy(signal.reason instanceof Error ? signal.reason : undefined);
  };
  if (signal.aborted) return onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', onAbort));
}

/** Downloads and unpacks the layers an image needs, adding those this call created to `created`. */
async function fetchLayers(
  store: Store,
  layers: LayerStore,
  image: ResolvedImage,
  emit: PullEventListener,
  parallel: number,
  created: string[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const where = `${image.source.registry}/${image.source.repository}`;
  const work = image.manifest.layers.map((descriptor, index) => ({
    descriptor,
    diffId: image.config.rootfs.diff_ids[index]!,
  }));
  await runLimited(work, parallel, async ({ descriptor, diffId }) => {
    signal?.throwIfAborted();
    const base = { type: 'layer' as const, digest: descriptor.digest, diffId, total: descriptor.size };
    if (layers.has(diffId)) {
      emit({ ...base, status: 'skipped', done: descriptor.size });
      return;
    }
    // One process unpacks a given layer at a time; the others wait and then find it present.
    await withLayerLock(
      store.db,
      diffId,
      async () => {
        if (layers.has(diffId)) {
          emit({ ...base, status: 'skipped', done: descriptor.size });
          return;
        }
        signal?.throwIfAborted();
        emit({ ...base, status: 'started', done: 0 });
        let lastReport = 0;
        const ingesting = layers.ingest({
          diffId,
          compressedDigest: descriptor.digest,
          compressedSize: descriptor.size,
          what: `layer ${descriptor.digest} of ${where}`,
          privileged: !isRootless(),
          source: where,
          open: async () => {
            signal?.throwIfAborted();
            const { stream } = await image.client.getBlob(image.source.repository, descriptor.digest);
            abortStreamOn(stream, signal);
            return stream;
          },
          onProgress: (bytes) => {
            // At most a few events per second per layer, plus the last one.
            const now = Date.now();
            if (now - lastReport >= 100 || bytes === descriptor.size) {
              lastReport = now;
              emit({ ...base, status: 'progress', done: bytes });
            }
          },
        });
        // A download cut by an abort fails as whatever broke downstream: report the abort.
        await ingesting.catch((error: unknown) => {
          if (signal?.aborted) throw signal.reason;
          throw error;
        });
        created.push(diffId);
        emit({ ...base, status: 'done', done: descriptor.size });
      },
      LAYER_LOCK_TIMEOUT_MS,
    );
  });
}

/** Removes layers a failed pull created, unless an image (maybe another process's) uses them. */
async function rollbackLayers(store: Store, layers: LayerStore, created: readonly string[]): Promise<void> {
  if (created.length === 0) return;
  await withLock(store.db, 'images', () => {
    const used = referencedDiffIds(store.db);
    for (const diffId of created) if (!used.has(diffId)) layers.remove(diffId);
  });
}

function describeFailure(reference: string, error: unknown): string {
  return `${reference}: ${error instanceof Error ? error.message : String(error)}`;
}

export async function pullImage(store: Store, options: PullOptions): Promise<PullResult> {
  const emit: PullEventListener = options.onEvent ?? (() => {});
  const env = options.env ?? process.env;
  const conf = options.registriesConf ?? loadRegistriesConf(env);
  const wanted = requestedPlatform(options);
  const candidates = resolveShortName(options.reference, conf.unqualifiedSearchRegistries);
  const layout = imageStoreLayout(store.paths.graphRoot);
  sweepStaleTemp(layout.tmpDir);
  const layers = new LayerStore(layout.layersDir, layout.tmpDir);
  const blobs = new BlobStore(layout.blobsDir, layout.tmpDir);

  const failures: string[] = [];
  const errors: unknown[] = [];
  for (const candidate of candidates) {
    const name = formatReference(candidate);
    emit({ type: 'trying', reference: name });
    const repository = `${candidate.domain}/${candidate.path}`;
    let sources: PullSource[];
    try {
      sources = pullSources(conf, repository, candidate.digest !== undefined, options.tlsVerify);
    } catch (error) {
      errors.push(error);
      failures.push(describeFailure(name, error));
      continue;
    }
    for (const source of sources) {
      options.signal?.throwIfAborted();
      const credentials = lookupCredentials(source.registry, source.repository, {
        creds: options.creds,
        authfile: options.authfile,
        env,
      });
      const client = new RegistryClient({
        registry: source.registry,
        insecure: source.insecure,
        credentials,
        certDir: options.certDir,
      });
      try {
        const image = await resolveImage(client, source, candidate, wanted, emit);
        emit({
          type: 'resolved',
          reference: name,
          manifestDigest: image.topDigest,
          layers: image.manifest.layers.length,
        });
        options.signal?.throwIfAborted();
        const created: string[] = [];
        try {
          await fetchLayers(
            store,
            layers,
            image,
            emit,
            options.parallelLayers ?? DEFAULT_PARALLEL_LAYERS,
            created,
            options.signal,
          );
          options.signal?.throwIfAborted();
          const pulled = await commitImage(store, layers, blobs, image, candidate, emit);
          // podman records the name as the user gave it (libimage's pull event).
          appendEvent(store, { Type: 'image', Status: 'pull', ID: pulled.imageId, Name: options.reference });
          return pulled;
        } catch (error) {
          await rollbackLayers(store, layers, created);
          throw error;
        }
      } catch (error) {
        // Go on to the next mirror or candidate only when this one could not be reached or does
        // not have the image; corruption, refusals and broken images are reported as they are.
        if (!(error instanceof RegistryUnreachableError || error instanceof ManifestUnknownError))
          throw error;
        errors.push(error);
        failures.push(describeFailure(source.mirror ? `${name} (mirror ${source.registry})` : name, error));
      } finally {
        await client.close();
      }
    }
  }
  if (errors.length === 1) throw errors[0];
  throw new ImageError(`pulling ${options.reference}: every source failed: ${failures.join('; ')}`, {
    cause: errors[0],
  });
}

/** Writes manifest and config blobs and the image record, after checking every layer is there. */
async function commitImage(
  store: Store,
  layers: LayerStore,
  blobs: BlobStore,
  image: ResolvedImage,
  candidate: QualifiedReference,
  emit: PullEventListener,
): Promise<PullResult> {
  emit({ type: 'config', digest: image.manifest.config.digest });
  const name = formatReference(candidate);
  const top = { digest: image.topDigest, body: image.topBody };
  const instance = { digest: image.instanceDigest, body: image.instanceBody };
  const imageId = await recordImage(store, layers, blobs, {
    manifests: top.digest === instance.digest ? [top] : [top, instance],
    manifestMediaType: image.manifestMediaType,
    configBody: image.configBody,
    config: image.config,
    names: [name],
    what: `pulling ${name}`,
    retry: 'run the pull again',
  });
  emit({ type: 'stored', imageId, names: [name] });
  return { imageId, name, manifestDigest: image.topDigest };
}

/** The same pull as an async iterable of events, for the desktop app and the API service. */
export async function* pullImageEvents(
  store: Store,
  options: Omit<PullOptions, 'onEvent'>,
): AsyncGenerator<PullEvent, PullResult> {
  const queue: PullEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let outcome: { result?: PullResult; error?: unknown } = {};
  const running = pullImage(store, {
    ...options,
    onEvent: (event) => {
      queue.push(event);
      wake?.();
    },
  }).then(
    (result) => (outcome = { result }),
    (error: unknown) => (outcome = { error }),
  );
  void running.finally(() => {
    finished = true;
    wake?.();
  });
  while (true) {
    if (queue.length > 0) {
      yield queue.shift()!;
      continue;
    }
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  if (outcome.error !== undefined) throw outcome.error;
  return outcome.result!;
}
