// Image references as podman (containers/image, docker/distribution) parses them:
//   [domain[:port]/]path[:tag][@algorithm:hex]
// A name without a domain is a short name: it is resolved later, through registries.conf's
// unqualified-search-registries (see resolveShortName). Normalisation adds `docker.io` and, for a
// one-component path on Docker Hub, `library/` — the form podman stores and prints.
import { ImageError } from './image-errors.js';

export const DEFAULT_DOMAIN = 'docker.io';
export const DEFAULT_TAG = 'latest';
/** Names given to images that come from no registry (build, import, tag of a short name). */
export const LOCAL_DOMAIN = 'localhost';
const NAME_TOTAL_LENGTH_MAX = 255;

// One path component: lowercase alphanumerics separated by `.`, `_`, `__` or runs of `-`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
// A domain: DNS labels joined by dots or a bracketed IPv6 address, with an optional port.
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;

export interface ImageReference {
  /** Registry host (and port); undefined for a short name such as `busybox`. */
  domain?: string;
  /** Repository path inside the registry, e.g. `library/busybox`. */
  path: string;
  tag?: string;
  /** `sha256:<hex>` */
  digest?: string;
}

/** A reference with a domain: something that can be pulled or stored as a name. */
export interface QualifiedReference extends ImageReference {
  domain: string;
}

export class InvalidReferenceError extends ImageError {}

function invalid(input: string, why: string): InvalidReferenceError {
  return new InvalidReferenceError(`invalid reference format "${input}": ${why}`);
}

/** Whether the string is a full image ID (64 hex digits), which cannot be a repository name. */
export function isFullImageId(input: string): boolean {
  return SHA256_HEX.test(input);
}

/** Splits off the domain when the first component looks like one (has `.` or `:`, or is localhost). */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { path: name };
  const first = name.slice(0, slash);
  const looksLikeDomain =
    first.includes('.') || first.includes(':') || first === LOCAL_DOMAIN || first !== first.toLowerCase();
  return looksLikeDomain ? { domain: first, path: name.slice(slash + 1) } : { path: name };
}

/** Parses a reference without normalising it (a short name keeps domain undefined). */
export function parseReference(input: string): ImageReference {
  if (input === '') throw invalid(input, 'the reference is empty');
  if (input !== input.trim() || /\s/.test(input)) throw invalid(input, 'it contains white space');
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    validateDigest(digest, input);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      throw invalid(
        input,
        `tag "${tag}" must be 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`,
      );
  }
  if (rest === '') throw invalid(input, 'the repository name is empty');
  if (rest.length > NAME_TOTAL_LENGTH_MAX)
    throw invalid(input, `the repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`);
  const { domain, path } = splitDomain(rest);
  if (domain !== undefined && !DOMAIN.test(domain))
    throw invalid(input, `"${domain}" is not a valid registry host[:port]`);
  if (path === '') throw invalid(input, 'the repository path is empty');
  for (const component of path.split('/')) {
    if (component !== component.toLowerCase()) throw invalid(input, 'repository name must be lowercase');
    if (!PATH_COMPONENT.test(component))
      throw invalid(
        input,
        `"${component}" is not a valid path component (lowercase letters, digits and single separators . _ __ -)`,
      );
  }
  if (domain === undefined && isFullImageId(path))
    throw invalid(input, 'cannot specify 64-byte hexadecimal strings as a repository name');
  return { domain, path, tag, digest };
}

export function validateDigest(digest: string, input = digest): void {
  if (!DIGEST.test(digest)) throw invalid(input, `"${digest}" is not a digest of the form algorithm:hex`);
  const [algorithm, hex] = digest.split(':') as [string, string];
  if (algorithm === 'sha256' && !SHA256_HEX.test(hex))
    throw invalid(input, `sha256 digest "${digest}" must be 64 lowercase hex digits`);
  if (algorithm !== 'sha256')
    throw invalid(input, `digest algorithm "${algorithm}" is not supported (only sha256)`);
}

/** Adds the domain (docker.io by default) and `library/` for Docker Hub's official images. */
export function qualify(ref: ImageReference, domain = DEFAULT_DOMAIN): QualifiedReference {
  const d = ref.domain ?? domain;
  const path = d === DEFAULT_DOMAIN && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  return { ...ref, domain: d, path };
}

/** Adds `:latest` when the reference has neither a tag nor a digest (as `podman pull` does). */
export function withDefaultTag<T extends ImageReference>(ref: T): T {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** The fully-qualified, tagged form: `docker.io/library/busybox:latest`. */
export function normalizeReference(input: string, domain = DEFAULT_DOMAIN): QualifiedReference {
  return withDefaultTag(qualify(parseReference(input), domain));
}

export function repositoryName(ref: ImageReference): string {
  return ref.domain === undefined ? ref.path : `${ref.domain}/${ref.path}`;
}

export function formatReference(ref: ImageReference): string {
  return `${repositoryName(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

export function isShortName(input: string): boolean {
  return parseReference(input).domain === undefined;
}

/**
 * The fully-qualified candidates for a reference, in the order to try them: the reference itself
 * when it names a registry, else one per unqualified-search registry (docker.io when none is
 * configured, as Docker does; podman would refuse, which helps nobody on a machine without a
 * registries.conf).
 */
export function resolveShortName(input: string, searchRegistries: readonly string[]): QualifiedReference[] {
  const ref = parseReference(input);
  if (ref.domain !== undefined) return [withDefaultTag(qualify(ref))];
  const registries = searchRegistries.length > 0 ? searchRegistries : [DEFAULT_DOMAIN];
  return registries.map((registry) => withDefaultTag(qualify(ref, registry)));
}
