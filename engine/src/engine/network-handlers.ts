// The networks domain of the contract on a local store: the network domain's functions (the same
// ones the CLI uses), each network shown as podman's inspect with its connected containers, and
// errors mapped to the contract's codes.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { NetworkContainer, NetworkInspect } from '../contract/network-types.js';
import { getContainerRecord } from '../container/container-records.js';
import { connectNetwork, disconnectNetwork } from '../network/network-connect.js';
import { createNetwork } from '../network/network-create.js';
import { ensureDefaultNetwork } from '../network/network-default.js';
import { NetworkError, NetworkInUseError, NetworkNotFoundError } from '../network/network-errors.js';
import { inspectNetwork } from '../network/network-inspect.js';
import { requireNetwork } from '../network/network-lookup.js';
import {
  attachmentsOfNetwork,
  getSandbox,
  listNetworkRecords,
  type NetworkRecord,
} from '../network/network-records.js';
import { pruneNetworks, removeNetwork } from '../network/network-remove.js';
import type { WireErrorCode } from '../service/engine-error.js';
import type { StateDatabase } from '../state/state-database.js';
import type { Store } from '../state/store.js';
import { containerErrorCode } from './container-handlers.js';

type NetworkCalls = DomainCalls<'networks'>;

export function networkErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof NetworkNotFoundError) return 'not-found';
  if (error instanceof NetworkInUseError) return 'conflict';
  // The rest refuse what was asked: a subnet in use, a gateway outside its subnet, a name taken.
  if (error instanceof NetworkError) return 'invalid-input';
  return containerErrorCode(error);
}

/** The containers connected to a network and, for running ones, their addresses on it. */
function connectedContainers(db: StateDatabase, network: NetworkRecord): Record<string, NetworkContainer> {
  const out: Record<string, NetworkContainer> = {};
  for (const attachment of attachmentsOfNetwork(db, network.name)) {
    const record = getContainerRecord(db, attachment.containerId);
    if (!record) continue;
    const result = getSandbox(db, record.id)?.setupResult?.[network.name];
    const interfaces: NetworkContainer['interfaces'] = {};
    for (const [name, iface] of Object.entries(result?.interfaces ?? {}))
      interfaces[name] = { subnets: iface.subnets ?? [], mac_address: iface.mac_address };
    out[record.id] = { name: record.name, interfaces };
  }
  return out;
}

export function networkInspect(db: StateDatabase, network: NetworkRecord): NetworkInspect {
  return {
    ...(inspectNetwork(network) as Omit<NetworkInspect, 'containers'>),
    containers: connectedContainers(db, network),
  };
}

export function networkCalls(store: () => Store): NetworkCalls {
  const inspectByName = (name: string) => {
    const { db } = store();
    return networkInspect(db, requireNetwork(db, name));
  };
  return {
    'networks.list': async () => {
      const { db } = store();
      ensureDefaultNetwork(db);
      return listNetworkRecords(db).map((n) => networkInspect(db, n));
    },
    'networks.inspect': async ({ network }) => inspectByName(network),
    'networks.create': async ({ name, subnet, gateway, internal, disableDns, labels }) => {
      const s = store();
      const { network } = await createNetwork(s, {
        name,
        subnets: subnet ? [subnet] : [],
        gateways: gateway ? [gateway] : [],
        internal,
        disableDns,
        labels,
      });
      return networkInspect(s.db, network);
    },
    'networks.remove': async ({ network, force }) => ({
      name: (await removeNetwork(store(), network, { force })).name,
    }),
    'networks.prune': async () => ({ removed: await pruneNetworks(store()) }),
    'networks.connect': async ({ network, container, aliases }) => {
      await connectNetwork(store(), network, container, { aliases });
      return inspectByName(network);
    },
    'networks.disconnect': async ({ network, container }) => {
      await disconnectNetwork(store(), network, container);
      return inspectByName(network);
    },
  };
}
