// The networks domain over the Docker API: Docker's network objects in netavark's shape (what
// `podman network inspect` shows), create as a bridge, remove (with `force`, the connected
// containers first, as podman's does), prune, connect and disconnect.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { NetworkInspect } from '../contract/network-types.js';
import { DOCKER, enc, type RemoteContext } from './remote-context.js';

type NetworkCalls = DomainCalls<'networks'>;
type Json = Record<string, unknown>;

export function networkFromDocker(n: Json): NetworkInspect {
  const ipam = (n.IPAM ?? {}) as Json;
  const options = (n.Options ?? {}) as Record<string, string>;
  const containers: NetworkInspect['containers'] = {};
  for (const [id, c] of Object.entries((n.Containers ?? {}) as Record<string, Json>)) {
    const address = String(c.IPv4Address ?? '');
    containers[id] = {
      name: String(c.Name ?? ''),
      interfaces: address
        ? { eth0: { subnets: [{ ipnet: address }], mac_address: String(c.MacAddress ?? '') } }
        : {},
    };
  }
  return {
    name: String(n.Name ?? ''),
    id: String(n.Id ?? ''),
    driver: String(n.Driver ?? 'bridge'),
    network_interface: options['com.docker.network.bridge.name'] ?? '',
    created: String(n.Created ?? ''),
    subnets: ((ipam.Config as Json[] | null | undefined) ?? []).map((c) => ({
      subnet: String(c.Subnet ?? ''),
      gateway: String(c.Gateway ?? ''),
    })),
    ipv6_enabled: Boolean(n.EnableIPv6),
    internal: Boolean(n.Internal),
    dns_enabled: options['isolate'] === undefined ? n.Name !== 'bridge' && n.Name !== 'podman' : true,
    labels: (n.Labels as Record<string, string> | null) ?? {},
    options,
    ipam_options: { driver: String(ipam.Driver ?? 'default') },
    containers,
  };
}

export function remoteNetworkCalls({ api }: RemoteContext): NetworkCalls {
  const inspect = async (network: string) =>
    networkFromDocker(await api.json<Json>('GET', `${DOCKER}/networks/${enc(network)}`));
  return {
    'networks.list': async () => {
      const list = await api.json<Json[]>('GET', `${DOCKER}/networks`);
      // The list leaves out the containers; inspect fills them in.
      return Promise.all(list.map((n) => inspect(String(n.Id ?? n.Name))));
    },
    'networks.inspect': ({ network }) => inspect(network),
    'networks.create': async (input) => {
      const created = await api.json<{ Id: string }>('POST', `${DOCKER}/networks/create`, {
        json: {
          ...(input.name ? { Name: input.name } : {}),
          Driver: 'bridge',
          Internal: input.internal,
          Labels: input.labels,
          ...(input.subnet
            ? {
                IPAM: {
                  Config: [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }],
                },
              }
            : {}),
          ...(input.disableDns ? { Options: { dns_enabled: 'false' } } : {}),
        },
      });
      return inspect(created.Id);
    },
    'networks.remove': async ({ network, force }) => {
      const found = await inspect(network);
      if (force)
        for (const id of Object.keys(found.containers))
          await api.request('DELETE', `${DOCKER}/containers/${id}`, { query: { force: true } });
      await api.request('DELETE', `${DOCKER}/networks/${enc(found.id)}`);
      return { name: found.name };
    },
    'networks.prune': async () => {
      const report = await api.json<{ NetworksDeleted: string[] | null }>('POST', `${DOCKER}/networks/prune`);
      return { removed: report.NetworksDeleted ?? [] };
    },
    'networks.connect': async ({ network, container, aliases }) => {
      await api.request('POST', `${DOCKER}/networks/${enc(network)}/connect`, {
        json: { Container: container, EndpointConfig: { Aliases: aliases } },
      });
      return inspect(network);
    },
    'networks.disconnect': async ({ network, container }) => {
      await api.request('POST', `${DOCKER}/networks/${enc(network)}/disconnect`, {
        json: { Container: container },
      });
      return inspect(network);
    },
  };
}
