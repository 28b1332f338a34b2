// The rows of the networks list: podman's network inspect shaped for display (subnets,
// gateways, whether DNS answers and on which address, internal, connected containers).
import type { NetworkInspect } from '../../../../engine/src/contract/network-types.js';
import { compareNames } from '../../components/compare-names.js';

/** The network podman and Berth create by default; it cannot be removed. */
export const DEFAULT_NETWORK = 'berth';

export interface NetworkRow {
  name: string;
  id: string;
  driver: string;
  subnets: string;
  gateways: string;
  /** Where aardvark-dns answers (the gateways), or "off". */
  dns: string;
  internal: boolean;
  containers: Array<{ id: string; name: string }>;
  isDefault: boolean;
  searchText: string;
}

export function networkRows(networks: readonly NetworkInspect[]): NetworkRow[] {
  return networks
    .map((n) => {
      const gateways = n.subnets.map((s) => s.gateway).filter(Boolean);
      return {
        name: n.name,
        id: n.id,
        driver: n.driver,
        subnets: n.subnets.map((s) => s.subnet).join(', '),
        gateways: gateways.join(', '),
        dns: n.dns_enabled ? gateways.join(', ') || 'on' : 'off',
        internal: n.internal,
        containers: Object.entries(n.containers)
          .map(([id, c]) => ({ id, name: c.name }))
          .sort((a, b) => compareNames(a.name, b.name)),
        isDefault: n.name === DEFAULT_NETWORK,
        searchText: `${n.name} ${n.id} ${n.subnets.map((s) => s.subnet).join(' ')}`,
      };
    })
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || compareNames(a.name, b.name));
}
