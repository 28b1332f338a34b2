// Finding a network by name, `bridge` (the default network) or a unique ID prefix, as podman does.
import type { StateDatabase } from '../state/state-database.js';
import { canonicalNetworkName, DEFAULT_NETWORK, ensureDefaultNetwork } from './network-default.js';
import { NetworkError, NetworkNotFoundError } from './network-errors.js';
import { getNetworkRecord, networksByIdPrefix, type NetworkRecord } from './network-records.js';

export function lookupNetwork(db: StateDatabase, nameOrId: string): NetworkRecord | undefined {
  const name = canonicalNetworkName(nameOrId);
  if (name === DEFAULT_NETWORK) return ensureDefaultNetwork(db);
  const byName = getNetworkRecord(db, name);
  if (byName) return byName;
  if (!/^[0-9a-f]+$/.test(nameOrId)) return undefined;
  // The default network must be in the table for its ID to be found by prefix.
  ensureDefaultNetwork(db);
  const matches = networksByIdPrefix(db, nameOrId);
  if (matches.length > 1)
    throw new NetworkError(`more than one network matches ID ${nameOrId}: give more of the ID or the name`);
  return matches[0];
}

export function requireNetwork(db: StateDatabase, nameOrId: string): NetworkRecord {
  const network = lookupNetwork(db, nameOrId);
  if (!network) throw new NetworkNotFoundError(nameOrId);
  return network;
}
