// Finds a local image by what a user typed, as podman does: a full or short ID, a full name,
// or a short name (`busybox`, `busybox:1.36`) tried as localhost/..., then through the search
// registries (docker.io/library/...), then as the last path components of any local name
// (`busybox` finds `127.0.0.1:5000/library/busybox:latest`).
import type { StateDatabase } from '../state/state-database.js';
import {
  getImageRecord,
  imageIdByName,
  imageIdsByPrefix,
  listImageRecords,
  type ImageRecord,
} from './image-records.js';
import { ImageNotFoundError } from './image-errors.js';
import {
  DEFAULT_TAG,
  formatReference,
  LOCAL_DOMAIN,
  parseReference,
  qualify,
  resolveShortName,
  withDefaultTag,
} from './reference.js';

const ID_PREFIX = /^(?:sha256:)?([a-f0-9]{3,64})$/;

/** Splits a stored name into repository and tag / digest. */
export function splitName(name: string): { repository: string; tag?: string; digest?: string } {
  const at = name.indexOf('@');
  if (at !== -1) return { repository: name.slice(0, at), digest: name.slice(at + 1) };
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name };
}

function byDigest(
  db: StateDatabase,
  repository: string | undefined,
  digest: string,
): ImageRecord | undefined {
  const images = listImageRecords(db).filter(
    (i) => i.digests.includes(digest) || i.manifestDigest === digest,
  );
  if (repository === undefined) return images[0];
  return images.find((i) =>
    [...i.names, ...i.namesHistory].some((n) => splitName(n).repository === repository),
  );
}

/** The image a user's reference or ID names, or undefined. */
export function lookupImage(
  db: StateDatabase,
  input: string,
  searchRegistries: readonly string[] = [],
): ImageRecord | undefined {
  const idMatch = ID_PREFIX.exec(input);
  if (idMatch && input.length === 64 + (input.startsWith('sha256:') ? 7 : 0))
    return getImageRecord(db, idMatch[1]!);
  let ref;
  try {
    ref = parseReference(input);
  } catch (error) {
    if (!idMatch) throw error;
  }
  if (ref) {
    if (ref.domain !== undefined) {
      const full = withDefaultTag(qualify(ref));
      if (full.digest) return byDigest(db, `${full.domain}/${full.path}`, full.digest);
      const id = imageIdByName(db, formatReference(full));
      if (id) return getImageRecord(db, id);
    } else {
      const candidates = [
        withDefaultTag(qualify(ref, LOCAL_DOMAIN)),
        ...resolveShortName(input, searchRegistries),
      ];
      for (const candidate of candidates) {
        if (candidate.digest) {
          const hit = byDigest(db, `${candidate.domain}/${candidate.path}`, candidate.digest);
          if (hit) return hit;
          continue;
        }
        const id = imageIdByName(db, formatReference(candidate));
        if (id) return getImageRecord(db, id);
      }
    }
  }
  if (idMatch) {
    const ids = imageIdsByPrefix(db, idMatch[1]!);
    if (ids.length === 1) return getImageRecord(db, ids[0]!);
    if (ids.length > 1)
      throw new ImageNotFoundError(
        `short ID ${input} is ambiguous: it matches ${ids.length} images; give more digits`,
      );
  }
  if (ref && ref.domain === undefined) {
    // Last resort: a short name matching the end of a local repository path.
    const tag = ref.tag ?? (ref.digest ? undefined : DEFAULT_TAG);
    for (const image of listImageRecords(db)) {
      for (const name of image.names) {
        const parts = splitName(name);
        if (!parts.repository.endsWith(`/${ref.path}`)) continue;
        if (ref.digest ? image.digests.includes(ref.digest) : parts.tag === tag) return image;
      }
    }
  }
  return undefined;
}

export function requireImage(
  db: StateDatabase,
  input: string,
  searchRegistries: readonly string[] = [],
): ImageRecord {
  const image = lookupImage(db, input, searchRegistries);
  if (!image)
    throw new ImageNotFoundError(
      `${input}: image not known: check the name with \`berth images\`, or pull it first`,
    );
  return image;
}

/** Which of an image's names `input` refers to (for `rmi NAME` on an image with several names). */
export function nameMeantBy(
  image: ImageRecord,
  input: string,
  searchRegistries: readonly string[] = [],
): string | undefined {
  if (image.names.includes(input)) return input;
  let ref;
  try {
    ref = parseReference(input);
  } catch {
    return undefined;
  }
  const forms =
    ref.domain !== undefined
      ? [withDefaultTag(qualify(ref))]
      : [withDefaultTag(qualify(ref, LOCAL_DOMAIN)), ...resolveShortName(input, searchRegistries)];
  for (const form of forms) {
    const name = formatReference(form);
    if (image.names.includes(name)) return name;
  }
  if (ref.domain === undefined && ref.digest === undefined) {
    const tagged = `${ref.path}:${ref.tag ?? DEFAULT_TAG}`;
    return image.names.find((n) => n.endsWith(`/${tagged}`));
  }
  return undefined;
}
