// The default network every store has, as podman's built-in `podman` network, but with names and
// addresses of Berth's own so that it never meets a podman on the same host: podman takes
// `podman0`/10.88.0.0/16 for its default network and hands out 10.89.0.0/24, 10.89.1.0/24... (its
// default_subnet_pools start at 10.89.0.0/16) to `podman network create`. Berth's default network
// is `berth` on bridge `berth0` with 10.85.0.0/16; its user networks get /24s from 10.86.0.0/15.
import type { StateDatabase } from '../state/state-database.js';
import { nowRfc3339Nano } from './network-time.js';
import { getNetworkRecord, insertNetworkRecord, type NetworkRecord } from './network-records.js';

export const DEFAULT_NETWORK = 'berth';
export const DEFAULT_BRIDGE = 'berth0';
/**
 * As podman's default network ID is the SHA-256 of its name: that of `berth`, written out so that
 * commands do not load node:crypto for it (a unit test checks it).
 */
export const DEFAULT_NETWORK_ID = '5c2f64c7f21efd5fb5e3d6a499abe5eacb248ae6f6f0085387c9a056d10ef5fd';
export const DEFAULT_SUBNET = '10.85.0.0/16';
export const DEFAULT_GATEWAY = '10.85.0.1';
/** Where user networks' subnets come from: 512 /24s. */
export const USER_SUBNET_POOL = { first: '10.86.0.0', count: 512, prefix: 24 };
export const BRIDGE_PREFIX = 'berth';

/** `bridge` (docker's and podman's word for the default network) means the default network. */
export function canonicalNetworkName(name: string): string {
  return name === 'bridge' ? DEFAULT_NETWORK : name;
}

function defaultNetwork(): NetworkRecord {
  return {
    name: DEFAULT_NETWORK,
    id: DEFAULT_NETWORK_ID,
    driver: 'bridge',
    networkInterface: DEFAULT_BRIDGE,
    createdAt: nowRfc3339Nano(),
    subnets: [{ subnet: DEFAULT_SUBNET, gateway: DEFAULT_GATEWAY }],
    internal: false,
    dnsEnabled: false,
    labels: {},
    options: {},
  };
}

/** The default network's record, made on first use (an INSERT OR IGNORE: any process may race). */
export function ensureDefaultNetwork(db: StateDatabase): NetworkRecord {
  const existing = getNetworkRecord(db, DEFAULT_NETWORK);
  if (existing) return existing;
  insertNetworkRecord(db, defaultNetwork());
  return getNetworkRecord(db, DEFAULT_NETWORK)!;
}
