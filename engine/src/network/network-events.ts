// Network events as podman records them: create/remove carry the network's ID, name and driver;
// connect/disconnect the container's ID and the network's name.
import { appendEvent } from '../events/append-event.js';
import type { Store } from '../state/store.js';
import type { NetworkRecord } from './network-records.js';

export function networkEvent(
  store: Store,
  status: 'create' | 'remove' | 'prune',
  network: NetworkRecord,
): void {
  appendEvent(store, {
    Type: 'network',
    Status: status,
    ID: network.id,
    Name: network.name,
    Network: network.name,
    Attributes: { driver: network.driver },
  });
}

export function networkContainerEvent(
  store: Store,
  status: 'connect' | 'disconnect',
  network: string,
  containerId: string,
): void {
  appendEvent(store, { Type: 'network', Status: status, ID: containerId, Network: network });
}
