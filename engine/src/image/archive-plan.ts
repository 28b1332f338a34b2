// What an image archive or layout holds, read from its metadata before any layer is touched:
//   docker-archive  manifest.json [{Config, RepoTags, Layers}] (+ repositories, ignored)
//   oci-archive/dir oci-layout, index.json, blobs/sha256/<hex>
//   docker-dir      version, manifest.json (one image manifest), <hex> blobs
// Every manifest and config is checked against the digest that names it; layers are checked later,
// while they stream (their diff IDs come from the verified config).
import { z } from 'zod';
import type { ArchiveSource } from './archive-source.js';
import { sha256Digest } from './image-commit.js';
import { DigestMismatchError, MalformedContentError } from './image-errors.js';
import { parseImageConfig, parseManifest, selectPlatformManifest, type ImageConfig } from './manifest.js';
import { hostPlatform } from './platform.js';
import { formatReference, parseReference, qualify, withDefaultTag } from './reference.js';
import { digestHex } from './store-layout.js';

export interface PlannedLayer {
  diffId: string;
  /** The archive entry holding the blob. */
  entry: string;
  /** The blob's digest and size when the archive names them (OCI); else measured while loading. */
  digest?: string;
  size?: number;
}

export interface ImagePlan {
  configBody: Buffer;
  config: ImageConfig;
  layers: PlannedLayer[];
  /** Manifest documents as found (top first); none for docker-archive (one is made). */
  manifests: { digest: string; body: Buffer }[];
  manifestMediaType?: string;
  names: string[];
}

export type ArchiveKind = 'docker-archive' | 'oci' | 'docker-dir';

const dockerManifestSchema = z.array(
  z.object({
    Config: z.string(),
    RepoTags: z.array(z.string()).nullish(),
    Layers: z.array(z.string()),
  }),
);

const REF_NAME_ANNOTATIONS = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];

/** A stored name for a name found in an archive, or undefined when it is not a usable reference. */
export function archiveImageName(name: string): string | undefined {
  try {
    const ref = parseReference(name);
    if (ref.digest !== undefined) return undefined;
    return formatReference(withDefaultTag(qualify(ref)));
  } catch {
    return undefined;
  }
}

function readVerified(source: ArchiveSource, entry: string, digest: string, what: string): Buffer {
  const body = source.read(entry);
  const actual = sha256Digest(body);
  if (actual !== digest)
    throw new DigestMismatchError(
      `${source.what}: ${what} ${entry} does not match its digest ${digest} (got ${actual}): the archive is corrupt or was tampered with`,
    );
  return body;
}

function parseJson(source: ArchiveSource, entry: string): unknown {
  try {
    return JSON.parse(source.read(entry).toString('utf8'));
  } catch (error) {
    throw new MalformedContentError(
      `${source.what}: ${entry} is not valid JSON (${(error as Error).message})`,
    );
  }
}

function checkLayerCount(source: ArchiveSource, config: ImageConfig, layers: number, where: string): void {
  if (config.rootfs.diff_ids.length !== layers)
    throw new MalformedContentError(
      `${source.what}: ${where} lists ${layers} layers but its config ${config.rootfs.diff_ids.length} diff IDs: the archive is broken`,
    );
}

export function archiveKind(source: ArchiveSource): ArchiveKind {
  if (source.has('manifest.json') && !source.has('version')) return 'docker-archive';
  if (source.has('oci-layout') && source.has('index.json')) return 'oci';
  if (source.has('version') && source.has('manifest.json')) return 'docker-dir';
  throw new MalformedContentError(
    `${source.what} is not an image archive: it has neither manifest.json (docker-archive) nor oci-layout and index.json (OCI): check the file`,
  );
}

function planDockerArchive(source: ArchiveSource): ImagePlan[] {
  const parsed = dockerManifestSchema.safeParse(parseJson(source, 'manifest.json'));
  if (!parsed.success)
    throw new MalformedContentError(`${source.what}: manifest.json is not a docker-archive manifest list`);
  return parsed.data.map((item) => {
    const configBody = source.read(item.Config);
    // Docker names the config by its digest (<hex>.json or blobs/sha256/<hex>): hold it to that.
    const named = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/.exec(item.Config);
    if (named && sha256Digest(configBody) !== `sha256:${named[1]}`)
      throw new DigestMismatchError(
        `${source.what}: config ${item.Config} does not match its digest (got ${sha256Digest(configBody)}): the archive is corrupt or was tampered with`,
      );
    const config = parseImageConfig(configBody, `${source.what}: config ${item.Config}`);
    checkLayerCount(source, config, item.Layers.length, `manifest.json entry ${item.Config}`);
    return {
      configBody,
      config,
      layers: item.Layers.map((entry, i) => {
        const blob = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(entry);
        return { diffId: config.rootfs.diff_ids[i]!, entry, digest: blob ? `sha256:${blob[1]}` : undefined };
      }),
      manifests: [],
      names: (item.RepoTags ?? []).flatMap((t) => archiveImageName(t) ?? []),
    };
  });
}

function planManifest(
  source: ArchiveSource,
  blobEntry: (digest: string) => string,
  top: { digest: string; mediaType: string; body?: Buffer },
  names: string[],
): ImagePlan {
  const topBody = top.body ?? readVerified(source, blobEntry(top.digest), top.digest, 'manifest');
  let parsed = parseManifest(topBody, top.mediaType, `${source.what}: manifest ${top.digest}`);
  const manifests = [{ digest: top.digest, body: topBody }];
  if (parsed.kind === 'index') {
    const chosen = selectPlatformManifest(
      parsed.index,
      hostPlatform(),
      `${source.what}: index ${top.digest}`,
    );
    const body = readVerified(source, blobEntry(chosen.digest), chosen.digest, 'manifest');
    parsed = parseManifest(body, chosen.mediaType, `${source.what}: manifest ${chosen.digest}`);
    if (parsed.kind !== 'manifest')
      throw new MalformedContentError(
        `${source.what}: manifest ${chosen.digest} is an index inside an index`,
      );
    manifests.push({ digest: chosen.digest, body });
  }
  const manifest = parsed.manifest;
  const configBody = readVerified(
    source,
    blobEntry(manifest.config.digest),
    manifest.config.digest,
    'config',
  );
  const config = parseImageConfig(configBody, `${source.what}: config ${manifest.config.digest}`);
  checkLayerCount(source, config, manifest.layers.length, `manifest ${manifests.at(-1)!.digest}`);
  return {
    configBody,
    config,
    layers: manifest.layers.map((l, i) => ({
      diffId: config.rootfs.diff_ids[i]!,
      entry: blobEntry(l.digest),
      digest: l.digest,
      size: l.size,
    })),
    manifests,
    manifestMediaType: parsed.mediaType,
    names,
  };
}

function planOci(source: ArchiveSource): ImagePlan[] {
  const index = parseManifest(source.read('index.json'), '', `${source.what}: index.json`);
  if (index.kind !== 'index')
    throw new MalformedContentError(`${source.what}: index.json is not an image index`);
  const blobEntry = (digest: string) => `blobs/sha256/${digestHex(digest)}`;
  return index.index.manifests.map((descriptor) => {
    const names = REF_NAME_ANNOTATIONS.flatMap((key) => {
      const value = descriptor.annotations?.[key];
      // A bare tag ("latest") names no repository: such an image loads without a name.
      return value && /[/:]/.test(value) ? (archiveImageName(value) ?? []) : [];
    });
    return planManifest(source, blobEntry, descriptor, [...new Set(names)]);
  });
}

function planDockerDir(source: ArchiveSource): ImagePlan[] {
  const body = source.read('manifest.json');
  // The dir transport keeps the manifest as manifest.json, its blobs as bare <hex> files.
  return [planManifest(source, (d) => digestHex(d), { digest: sha256Digest(body), mediaType: '', body }, [])];
}

export function planArchive(source: ArchiveSource): ImagePlan[] {
  const kind = archiveKind(source);
  const plans =
    kind === 'docker-archive'
      ? planDockerArchive(source)
      : kind === 'oci'
        ? planOci(source)
        : planDockerDir(source);
  if (plans.length === 0) throw new MalformedContentError(`${source.what} holds no image`);
  return plans;
}
