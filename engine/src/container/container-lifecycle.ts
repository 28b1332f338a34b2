// The container verbs the CLI, the API service and the desktop app call: each takes the store and
// a name or ID, and does its work under the container's lock.
import type { Store } from '../state/store.js';
import { containerEvent } from './container-events.js';
import { withContainerLock } from './container-lock.js';
import { requireContainer } from './container-lookup.js';
import type { ContainerRecord } from './container-records.js';
import { startContainerLocked, type StartOptions } from './container-start.js';
import { stopContainer } from './container-stop.js';
import { syncContainer } from './container-sync.js';

export { createContainer } from './create-container.js';
export { killContainer, stopContainer } from './container-stop.js';
export { removeContainer } from './container-remove.js';
export { pauseContainer } from './container-pause.js';
export { waitForContainer } from './container-wait.js';

export async function startContainer(
  store: Store,
  input: string,
  options: StartOptions = {},
): Promise<ContainerRecord> {
  const found = requireContainer(store.db, input);
  return withContainerLock(store, found.id, async () => {
    const record = await syncContainer(store, requireContainer(store.db, found.id));
    return startContainerLocked(store, record, options);
  });
}

export async function restartContainer(
  store: Store,
  input: string,
  timeout?: number,
): Promise<ContainerRecord> {
  const stopped = await stopContainer(store, input, { timeout });
  const started = await startContainer(store, stopped.id);
  containerEvent(store, 'restart', started);
  return started;
}
