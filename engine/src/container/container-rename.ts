// `rename`: a new name for a container, under its lock, with podman's rules for names.
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import { validateContainerName } from './container-names.js';
import { renameContainerRecord, type ContainerRecord } from './container-records.js';

export async function renameContainer(store: Store, input: string, name: string): Promise<ContainerRecord> {
  validateContainerName(name);
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, () => {
    const record = requireContainer(store.db, found.id);
    if (record.name === name) return record;
    renameContainerRecord(store.db, record.id, name);
    const renamed = { ...record, name };
    containerEvent(store, 'rename', renamed, { oldName: record.name });
    return renamed;
  });
}
