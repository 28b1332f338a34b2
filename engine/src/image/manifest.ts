// Manifests, indexes and image configs, validated with zod as soon as they arrive: a registry's
// answer is untrusted input, and a clear "malformed manifest" error beats a TypeError later.
import { z } from 'zod';
import { ImageError, MalformedContentError } from './image-errors.js';
import { isIndexMediaType, isLayerMediaType, MEDIA_TYPES } from './media-types.js';
import { formatPlatform, platformMatches, type Platform } from './platform.js';

const digestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'must be sha256:<64 hex digits>');

export const descriptorSchema = z.object({
  mediaType: z.string().default(''),
  digest: digestSchema,
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: z
    .object({
      architecture: z.string(),
      os: z.string(),
      variant: z.string().optional(),
      'os.version': z.string().optional(),
    })
    .optional(),
});
export type Descriptor = z.infer<typeof descriptorSchema>;

export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageIndex = z.infer<typeof indexSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageManifest = z.infer<typeof manifestSchema>;

const historySchema = z.object({
  created: z.string().optional(),
  created_by: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  empty_layer: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof historySchema>;

/** The container config inside an image config; kept loose (passed through to inspect). */
const runConfigSchema = z
  .object({
    User: z.string().optional(),
    Env: z.array(z.string()).nullish(),
    Cmd: z.array(z.string()).nullish(),
    Entrypoint: z.array(z.string()).nullish(),
    WorkingDir: z.string().optional(),
    Labels: z.record(z.string(), z.string()).nullish(),
    ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
    Volumes: z.record(z.string(), z.unknown()).nullish(),
    StopSignal: z.string().optional(),
  })
  .loose();

export const imageConfigSchema = z
  .object({
    created: z.string().optional(),
    author: z.string().optional(),
    architecture: z.string(),
    os: z.string(),
    variant: z.string().optional(),
    config: runConfigSchema.nullish(),
    rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(digestSchema) }),
    history: z.array(historySchema).optional(),
    // Docker's own fields, shown by inspect when present.
    comment: z.string().optional(),
    docker_version: z.string().optional(),
    parent: z.string().optional(),
  })
  .loose();
export type ImageConfig = z.infer<typeof imageConfigSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

function parseJson(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new MalformedContentError(
      `${what} is not valid JSON (${(error as Error).message}): the registry served a broken document`,
    );
  }
}

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; index: ImageIndex }
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest };

/** Parses a manifest or index; `mediaType` is the Content-Type the registry sent. */
export function parseManifest(body: Buffer, mediaType: string, what: string): ParsedManifest {
  const json = parseJson(body, what);
  if (typeof json !== 'object' || json === null)
    throw new MalformedContentError(`${what} is not a JSON object`);
  const declared = (json as { mediaType?: unknown }).mediaType;
  const type = typeof declared === 'string' && declared !== '' ? declared : mediaType;
  if (
    type === MEDIA_TYPES.dockerSchema1 ||
    type === MEDIA_TYPES.dockerSchema1Signed ||
    (json as { schemaVersion?: unknown }).schemaVersion === 1
  )
    throw new MalformedContentError(
      `${what} is a Docker schema 1 manifest, which is deprecated and not supported: push the image again with a current client`,
    );
  const looksLikeIndex = isIndexMediaType(type) || ('manifests' in json && !('layers' in json));
  if (looksLikeIndex) {
    const result = indexSchema.safeParse(json);
    if (!result.success)
      throw new MalformedContentError(`${what} is a malformed image index: ${describeIssues(result.error)}`);
    return { kind: 'index', mediaType: type || MEDIA_TYPES.ociIndex, index: result.data };
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success)
    throw new MalformedContentError(`${what} is a malformed image manifest: ${describeIssues(result.error)}`);
  for (const layer of result.data.layers) {
    if (layer.mediaType && !isLayerMediaType(layer.mediaType))
      throw new MalformedContentError(
        `${what} has a layer of unsupported media type "${layer.mediaType}" (${layer.digest}): Berth pulls container images only`,
      );
  }
  return { kind: 'manifest', mediaType: type || MEDIA_TYPES.ociManifest, manifest: result.data };
}

export function parseImageConfig(body: Buffer, what: string): ImageConfig {
  const result = imageConfigSchema.safeParse(parseJson(body, what));
  if (!result.success)
    throw new MalformedContentError(`${what} is a malformed image config: ${describeIssues(result.error)}`);
  return result.data;
}

/** The index entry for a platform, or an error listing what the index offers. */
export function selectPlatformManifest(index: ImageIndex, wanted: Platform, what: string): Descriptor {
  const candidates = index.manifests.filter((m) => m.platform && platformMatches(m.platform, wanted));
  // An exact variant match beats an entry without a variant.
  const exact = candidates.find((m) => m.platform?.variant === wanted.variant);
  const chosen = exact ?? candidates[0];
  if (!chosen) {
    const offered = index.manifests.filter((m) => m.platform).map((m) => formatPlatform(m.platform!));
    throw new ImageError(
      `choosing an image from manifest list ${what}: no image found for ${formatPlatform(wanted)} (the list offers ${offered.join(', ') || 'no platforms'}): pick one with --platform`,
    );
  }
  return chosen;
}
