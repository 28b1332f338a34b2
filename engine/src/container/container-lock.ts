// The per-container object lock (state/object-lock.ts): every change to a container's state runs
// inside it, so the CLI, the exit command and the desktop app never interleave on one container.
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';

export function withContainerLock<T>(store: Store, id: string, work: () => Promise<T> | T): Promise<T> {
  return withLock(store.db, `container:${id}`, work);
}
