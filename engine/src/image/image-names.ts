// `tag` and `untag`: names are references; a short name (`mybox`) becomes `localhost/mybox:latest`
// as podman stores it, because a name without a registry would resolve elsewhere when pulled.
import { appendEvent } from '../events/append-event.js';
import { withLock } from '../state/object-lock.js';
import type { StateDatabase } from '../state/state-database.js';
import type { Store } from '../state/store.js';
import { ImageError } from './image-errors.js';
import { requireImage } from './image-lookup.js';
import { addImageNames, removeImageName } from './image-records.js';
import { formatReference, LOCAL_DOMAIN, parseReference, qualify, withDefaultTag } from './reference.js';

/** The stored form of a name given to `tag`/`untag`. */
export function normalizeNewName(input: string): string {
  const ref = parseReference(input);
  if (ref.digest !== undefined)
    throw new ImageError(`${input}: a tag cannot contain a digest; use repository:tag`);
  return formatReference(withDefaultTag(qualify(ref, ref.domain ?? LOCAL_DOMAIN)));
}

/** Events need the store's run root: given only the database, no tag/untag events are recorded. */
function storeParts(target: StateDatabase | Store): { db: StateDatabase; store?: Store } {
  return 'db' in target && 'paths' in target
    ? { db: target.db, store: target }
    : { db: target as StateDatabase };
}

export async function tagImage(
  target: StateDatabase | Store,
  source: string,
  targets: readonly string[],
  searchRegistries: readonly string[] = [],
): Promise<string[]> {
  const { db, store } = storeParts(target);
  const names = targets.map(normalizeNewName);
  const id = await withLock(db, 'images', () => {
    const image = requireImage(db, source, searchRegistries);
    addImageNames(db, image.id, names);
    return image.id;
  });
  if (store)
    for (const name of names) appendEvent(store, { Type: 'image', Status: 'tag', ID: id, Name: name });
  return names;
}

/** Removes the given names (all names when none are given); returns the names removed. */
export async function untagImage(
  target: StateDatabase | Store,
  source: string,
  names: readonly string[],
  searchRegistries: readonly string[] = [],
): Promise<string[]> {
  const { db, store } = storeParts(target);
  let id = '';
  const removed = await withLock(db, 'images', () => {
    const image = requireImage(db, source, searchRegistries);
    id = image.id;
    if (names.length === 0) {
      for (const name of image.names) removeImageName(db, image.id, name);
      return image.names;
    }
    const removed: string[] = [];
    for (const input of names) {
      // Accept the name as stored or as typed (short names are stored under localhost/ or docker.io/).
      const candidates = [
        input,
        normalizeNewName(input),
        formatReference(withDefaultTag(qualify(parseReference(input)))),
      ];
      const name = candidates.find((c) => image.names.includes(c));
      if (!name)
        throw new ImageError(
          `${input}: tag not known: the image ${image.id.slice(0, 12)} has ${image.names.length > 0 ? image.names.join(', ') : 'no names'}`,
        );
      removeImageName(db, image.id, name);
      removed.push(name);
    }
    return removed;
  });
  if (store)
    for (const name of removed) appendEvent(store, { Type: 'image', Status: 'untag', ID: id, Name: name });
  return removed;
}
