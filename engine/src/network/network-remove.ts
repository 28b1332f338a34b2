// `network rm` and `network prune`. A network with containers connected is refused (exit 2)
// unless forced; forcing removes those containers first (as podman does). The default network is
// never removed.
import type { Store } from '../state/store.js';
import { withLock } from '../state/object-lock.js';
import { DEFAULT_NETWORK } from './network-default.js';
import { NetworkError, NetworkInUseError, NetworkNotFoundError } from './network-errors.js';
import { networkEvent } from './network-events.js';
import { requireNetwork } from './network-lookup.js';
import { networkLockName } from './network-paths.js';
import {
  attachmentsOfNetwork,
  deleteNetworkRecord,
  getNetworkRecord,
  listNetworkRecords,
  type NetworkRecord,
} from './network-records.js';

export interface RemoveNetworkOptions {
  /** Remove the containers connected to it first. */
  force?: boolean;
}

async function removeContainers(store: Store, ids: readonly string[]): Promise<void> {
  // Loaded only when needed: the container domain imports networking, not the other way round.
  const { removeContainer } = await import('../container/container-remove.js');
  for (const id of ids) await removeContainer(store, id, { force: true });
}

export async function removeNetwork(
  store: Store,
  nameOrId: string,
  options: RemoveNetworkOptions = {},
): Promise<NetworkRecord> {
  const network = requireNetwork(store.db, nameOrId);
  if (network.name === DEFAULT_NETWORK)
    throw new NetworkError(`default network ${DEFAULT_NETWORK} cannot be removed`);
  const users = attachmentsOfNetwork(store.db, network.name).map((a) => a.containerId);
  if (users.length > 0) {
    if (!options.force)
      throw new NetworkInUseError(
        `"${network.name}" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used`,
      );
    await removeContainers(store, users);
  }
  await withLock(store.db, networkLockName(network.name), () => {
    if (!getNetworkRecord(store.db, network.name)) throw new NetworkNotFoundError(nameOrId);
    const remove = store.db.transaction(() => {
      // A container connected meanwhile (another process) keeps the network.
      if (attachmentsOfNetwork(store.db, network.name).length > 0)
        throw new NetworkInUseError(
          `"${network.name}" has associated containers with it. Use -f to forcibly delete containers and pods: network is being used`,
        );
      deleteNetworkRecord(store.db, network.name);
    });
    remove.immediate();
  });
  networkEvent(store, 'remove', network);
  return network;
}

/** Removes every network (the default one aside) that no container uses; returns their names. */
export async function pruneNetworks(
  store: Store,
  filter: (network: NetworkRecord) => boolean = () => true,
): Promise<string[]> {
  const removed: string[] = [];
  for (const network of listNetworkRecords(store.db)) {
    if (network.name === DEFAULT_NETWORK || !filter(network)) continue;
    if (attachmentsOfNetwork(store.db, network.name).length > 0) continue;
    try {
      await removeNetwork(store, network.name);
      removed.push(network.name);
    } catch (error) {
      if (error instanceof NetworkInUseError || error instanceof NetworkNotFoundError) continue;
      throw error;
    }
  }
  return removed;
}
