// `network create`: a bridge network with a subnet (given, or the next free /24 of Berth's pool),
// a gateway (given, or the subnet's first address), a bridge name of Berth's own and DNS on unless
// --disable-dns. Only the definition is written: netavark makes the bridge when a first container
// connects and removes it after the last one.
import { createHash, randomBytes } from 'node:crypto';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { hostInterfaceExists, hostRouteSubnets } from './host-routes.js';
import {
  formatIpv4,
  formatSubnet,
  isUsableHost,
  parseIpv4,
  parseSubnet,
  subnetsOverlap,
  type Ipv4Subnet,
} from './ipv4.js';
import { BRIDGE_PREFIX, DEFAULT_NETWORK, ensureDefaultNetwork, USER_SUBNET_POOL } from './network-default.js';
import { NetworkError } from './network-errors.js';
import { networkEvent } from './network-events.js';
import { networkLockName } from './network-paths.js';
import { insertNetworkRecord, listNetworkRecords, type NetworkRecord } from './network-records.js';
import { nowRfc3339Nano } from './network-time.js';

export interface CreateNetworkRequest {
  name?: string;
  driver?: string;
  subnets?: string[];
  gateways?: string[];
  internal?: boolean;
  disableDns?: boolean;
  labels?: Record<string, string>;
  options?: Record<string, string>;
  /** --ignore: an existing network of that name is returned as is. */
  ignoreIfExists?: boolean;
}

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const SUPPORTED_OPTIONS = new Set(['mtu', 'isolate', 'vlan']);

/**
 * Where this store starts looking for a free bridge number and subnet: 0 for the system store,
 * elsewhere a number derived from the store's path, so that separate stores (tests, benchmarks)
 * rarely pick the same bridge and subnet while neither has a container running yet.
 */
function storeOffset(store: Store): number {
  if (store.paths.graphRoot === '/var/lib/berth') return 0;
  return createHash('sha256').update(store.paths.graphRoot).digest().readUInt16BE(0) % USER_SUBNET_POOL.count;
}

function pickBridgeName(store: Store, taken: readonly NetworkRecord[]): string {
  const used = new Set(taken.map((n) => n.networkInterface));
  const start = storeOffset(store);
  for (let i = 0; i < 10_000; i++) {
    const name = `${BRIDGE_PREFIX}${1 + ((start + i) % 10_000)}`;
    if (!used.has(name) && !hostInterfaceExists(name)) return name;
  }
  throw new NetworkError('no free bridge name left: remove unused networks (berth network prune)');
}

function pickSubnet(store: Store, taken: readonly Ipv4Subnet[]): Ipv4Subnet {
  const first = parseIpv4(USER_SUBNET_POOL.first)!;
  const start = storeOffset(store);
  for (let i = 0; i < USER_SUBNET_POOL.count; i++) {
    const index = (start + i) % USER_SUBNET_POOL.count;
    const candidate = {
      base: first + index * 2 ** (32 - USER_SUBNET_POOL.prefix),
      prefix: USER_SUBNET_POOL.prefix,
    };
    if (!taken.some((t) => subnetsOverlap(t, candidate))) return candidate;
  }
  throw new NetworkError(
    `no free subnet left in ${USER_SUBNET_POOL.first}/15: remove unused networks or give one with --subnet`,
  );
}

function pickName(existing: readonly NetworkRecord[]): string {
  const names = new Set(existing.map((n) => n.name));
  for (let i = 1; ; i++) if (!names.has(`${BRIDGE_PREFIX}${i}`)) return `${BRIDGE_PREFIX}${i}`;
}

export async function createNetwork(
  store: Store,
  request: CreateNetworkRequest,
): Promise<{ network: NetworkRecord; created: boolean }> {
  const driver = request.driver || 'bridge';
  if (driver !== 'bridge')
    throw new NetworkError(
      `unsupported driver ${driver}: invalid argument (Berth supports the bridge driver)`,
    );
  if (request.name !== undefined && !NAME_PATTERN.test(request.name))
    throw new NetworkError(
      `network name ${request.name} invalid: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument`,
    );
  for (const [key, value] of Object.entries(request.options ?? {})) {
    if (!SUPPORTED_OPTIONS.has(key))
      throw new NetworkError(`unsupported bridge network option ${key}: use mtu, isolate or vlan`);
    // netavark would only reject a bad value when a container starts: check it now.
    const valid = key === 'isolate' ? /^(true|false)$/.test(value) : /^\d+$/.test(value);
    if (!valid)
      throw new NetworkError(
        `invalid value "${value}" for network option ${key}: use ${key === 'isolate' ? 'true or false' : 'a number'}`,
      );
  }
  const subnetsGiven = (request.subnets ?? []).map(parseSubnet);
  const gateways = request.gateways ?? [];
  if (gateways.length > subnetsGiven.length)
    throw new NetworkError('cannot set more gateways than subnets: give a --subnet for each --gateway');
  ensureDefaultNetwork(store.db);
  // One network creation at a time per store: the free bridge and subnet are decided under it.
  return withLock(store.db, networkLockName('create'), async () => {
    const existing = listNetworkRecords(store.db);
    if (request.name !== undefined) {
      const same = existing.find((n) => n.name === request.name);
      if (same) {
        if (request.ignoreIfExists) return { network: same, created: false };
        throw new NetworkError(`network name ${request.name} already used: network already exists`);
      }
    }
    const storeSubnets = existing.flatMap((n) => n.subnets.map((s) => parseSubnet(s.subnet)));
    for (const subnet of subnetsGiven) {
      const clash = existing.find((n) =>
        n.subnets.some((s) => subnetsOverlap(parseSubnet(s.subnet), subnet)),
      );
      if (clash)
        throw new NetworkError(
          `subnet ${formatSubnet(subnet)} is already used by network ${clash.name}: choose another --subnet`,
        );
    }
    const subnets =
      subnetsGiven.length > 0 ? subnetsGiven : [pickSubnet(store, [...storeSubnets, ...hostRouteSubnets()])];
    const definitions = subnets.map((subnet, i) => {
      const gatewayText = gateways[i];
      let gateway = subnet.base + 1;
      if (gatewayText !== undefined) {
        const parsed = parseIpv4(gatewayText);
        if (parsed === undefined)
          throw new NetworkError(`invalid gateway "${gatewayText}": use an IPv4 address`);
        if (!isUsableHost(subnet, parsed))
          throw new NetworkError(
            `gateway ip ${gatewayText} not in subnet ${formatSubnet(subnet)}: choose an address inside it`,
          );
        gateway = parsed;
      }
      return { subnet: formatSubnet(subnet), gateway: formatIpv4(gateway) };
    });
    const network: NetworkRecord = {
      name: request.name ?? pickName(existing),
      id: randomBytes(32).toString('hex'),
      driver,
      networkInterface: pickBridgeName(store, existing),
      createdAt: nowRfc3339Nano(),
      subnets: definitions,
      internal: request.internal ?? false,
      dnsEnabled: !(request.disableDns ?? false),
      labels: request.labels ?? {},
      options: request.options ?? {},
    };
    if (network.name === DEFAULT_NETWORK || !insertNetworkRecord(store.db, network))
      throw new NetworkError(`network name ${network.name} already used: network already exists`);
    networkEvent(store, 'create', network);
    return { network, created: true };
  });
}
