// Manifests, indexes and image configs, validated as soon as they arrive: a registry's answer is
// untrusted input, and a clear "malformed manifest" error beats a TypeError later.
// The checks are written out here rather than run through zod: they give the same results as the
// schemas in manifest-schemas.ts (unknown fields dropped, or kept where the schema is loose;
// defaults filled in; issues reported as "path: message"), and loading zod cost every pull some
// 50 ms of start-up.
import { ImageError, MalformedContentError } from './image-errors.js';
import type { Descriptor, ImageConfig, ImageIndex, ImageManifest } from './manifest-schemas.js';
import { isIndexMediaType, isLayerMediaType, MEDIA_TYPES } from './media-types.js';
import { formatPlatform, platformMatches, type Platform } from './platform.js';

export type { Descriptor, HistoryEntry, ImageConfig, ImageIndex, ImageManifest } from './manifest-schemas.js';

type Path = (string | number)[];
interface Issue {
  path: Path;
  message: string;
}
/** Checks a value; returns what it becomes, or INVALID after recording why. */
type Check = (value: unknown, path: Path, issues: Issue[]) => unknown;
const INVALID = Symbol('invalid');

function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function fail(issues: Issue[], path: Path, message: string): typeof INVALID {
  issues.push({ path, message });
  return INVALID;
}

const string: Check = (value, path, issues) =>
  typeof value === 'string'
    ? value
    : fail(issues, path, `Invalid input: expected string, received ${received(value)}`);

const boolean: Check = (value, path, issues) =>
  typeof value === 'boolean'
    ? value
    : fail(issues, path, `Invalid input: expected boolean, received ${received(value)}`);

const unknownValue: Check = (value) => value;

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const digest: Check = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === INVALID) return INVALID;
  return DIGEST.test(text as string) ? text : fail(issues, path, 'must be sha256:<64 hex digits>');
};

const size: Check = (value, path, issues) => {
  if (typeof value !== 'number' || Number.isNaN(value))
    return fail(issues, path, `Invalid input: expected number, received ${received(value)}`);
  if (!Number.isSafeInteger(value)) return fail(issues, path, 'Invalid input: expected int, received number');
  return value >= 0 ? value : fail(issues, path, 'Too small: expected number to be >=0');
};

const literal =
  (expected: string | number): Check =>
  (value, path, issues) =>
    value === expected ? value : fail(issues, path, `Invalid input: expected ${JSON.stringify(expected)}`);

const array =
  (item: Check): Check =>
  (value, path, issues) => {
    if (!Array.isArray(value))
      return fail(issues, path, `Invalid input: expected array, received ${received(value)}`);
    let ok = true;
    const out = value.map((v, i) => {
      const r = item(v, [...path, i], issues);
      if (r === INVALID) ok = false;
      return r;
    });
    return ok ? out : INVALID;
  };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const record =
  (item: Check): Check =>
  (value, path, issues) => {
    if (!isPlainObject(value))
      return fail(issues, path, `Invalid input: expected record, received ${received(value)}`);
    let ok = true;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = item(v, [...path, k], issues);
      if (r === INVALID) ok = false;
      else out[k] = r;
    }
    return ok ? out : INVALID;
  };

/** A field: required, optional (absent is left out), nullish (null kept), or with a default. */
interface Field {
  check: Check;
  presence: 'required' | 'optional' | 'nullish' | { default: unknown };
}
const required = (check: Check): Field => ({ check, presence: 'required' });
const optional = (check: Check): Field => ({ check, presence: 'optional' });
const nullish = (check: Check): Field => ({ check, presence: 'nullish' });

/** An object: the shape's fields in order, then (when loose) the other fields as they came. */
const object =
  (shape: Record<string, Field>, loose = false): Check =>
  (value, path, issues) => {
    if (!isPlainObject(value))
      return fail(issues, path, `Invalid input: expected object, received ${received(value)}`);
    let ok = true;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const v = value[key];
      if (v === undefined) {
        if (field.presence === 'required') {
          field.check(v, [...path, key], issues);
          ok = false;
        } else if (typeof field.presence === 'object') out[key] = field.presence.default;
        continue;
      }
      if (v === null && field.presence === 'nullish') {
        out[key] = null;
        continue;
      }
      const r = field.check(v, [...path, key], issues);
      if (r === INVALID) ok = false;
      else out[key] = r;
    }
    if (loose) for (const [key, v] of Object.entries(value)) if (!(key in shape)) out[key] = v;
    return ok ? out : INVALID;
  };

const stringRecord = record(string);

const descriptor = object({
  mediaType: { check: string, presence: { default: '' } },
  digest: required(digest),
  size: required(size),
  urls: optional(array(string)),
  annotations: optional(stringRecord),
  platform: optional(
    object({
      architecture: required(string),
      os: required(string),
      variant: optional(string),
      'os.version': optional(string),
    }),
  ),
});

const index = object({
  schemaVersion: required(literal(2)),
  mediaType: optional(string),
  manifests: required(array(descriptor)),
  annotations: optional(stringRecord),
});

const manifest = object({
  schemaVersion: required(literal(2)),
  mediaType: optional(string),
  config: required(descriptor),
  layers: required(array(descriptor)),
  annotations: optional(stringRecord),
});

const history = object({
  created: optional(string),
  created_by: optional(string),
  author: optional(string),
  comment: optional(string),
  empty_layer: optional(boolean),
});

const runConfig = object(
  {
    User: optional(string),
    Env: nullish(array(string)),
    Cmd: nullish(array(string)),
    Entrypoint: nullish(array(string)),
    WorkingDir: optional(string),
    Labels: nullish(stringRecord),
    ExposedPorts: nullish(record(unknownValue)),
    Volumes: nullish(record(unknownValue)),
    StopSignal: optional(string),
  },
  true,
);

const imageConfig = object(
  {
    created: optional(string),
    author: optional(string),
    architecture: required(string),
    os: required(string),
    variant: optional(string),
    config: nullish(runConfig),
    rootfs: required(object({ type: required(literal('layers')), diff_ids: required(array(digest)) })),
    history: optional(array(history)),
    // Docker's own fields, shown by inspect when present.
    comment: optional(string),
    docker_version: optional(string),
    parent: optional(string),
  },
  true,
);

/** The checked value, or the first issues as "path: message; ...". */
function validate<T>(check: Check, value: unknown): { data: T } | { issues: string } {
  const issues: Issue[] = [];
  const out = check(value, [], issues);
  if (out !== INVALID && issues.length === 0) return { data: out as T };
  return {
    issues: issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; '),
  };
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
    const result = validate<ImageIndex>(index, json);
    if ('issues' in result)
      throw new MalformedContentError(`${what} is a malformed image index: ${result.issues}`);
    return { kind: 'index', mediaType: type || MEDIA_TYPES.ociIndex, index: result.data };
  }
  const result = validate<ImageManifest>(manifest, json);
  if ('issues' in result)
    throw new MalformedContentError(`${what} is a malformed image manifest: ${result.issues}`);
  for (const layer of result.data.layers) {
    if (layer.mediaType && !isLayerMediaType(layer.mediaType))
      throw new MalformedContentError(
        `${what} has a layer of unsupported media type "${layer.mediaType}" (${layer.digest}): Berth pulls container images only`,
      );
  }
  return { kind: 'manifest', mediaType: type || MEDIA_TYPES.ociManifest, manifest: result.data };
}

export function parseImageConfig(body: Buffer, what: string): ImageConfig {
  const result = validate<ImageConfig>(imageConfig, parseJson(body, what));
  if ('issues' in result)
    throw new MalformedContentError(`${what} is a malformed image config: ${result.issues}`);
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
