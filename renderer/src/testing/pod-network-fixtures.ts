// Pods and networks as the engine reports them, for component tests.
import type { NetworkContainer, NetworkInspect } from '../../../engine/src/contract/network-types.js';
import type { PodInspect, PodSummary } from '../../../engine/src/contract/pod-types.js';

export function podSummary(
  id: string,
  name: string,
  options: {
    status?: string;
    created?: string;
    members?: Array<{ id: string; name: string; state: string }>;
    ports?: PodSummary['Ports'];
  } = {},
): PodSummary {
  const podId = id.padEnd(64, '0');
  const infraId = `f${id}`.padEnd(64, 'f');
  const members = options.members ?? [];
  const running = (options.status ?? 'Running') === 'Running';
  return {
    Id: podId,
    Name: name,
    Status: options.status ?? 'Running',
    Created: options.created ?? '2023-11-14T22:13:20Z',
    InfraId: infraId,
    Labels: {},
    Networks: ['podman'],
    Containers: [
      { Id: infraId, Names: `${podId.slice(0, 12)}-infra`, Status: running ? 'running' : 'exited' },
      ...members.map((m) => ({ Id: m.id.padEnd(64, '0'), Names: m.name, Status: m.state })),
    ],
    Ports: options.ports ?? null,
  };
}

export function podInspect(summary: PodSummary): PodInspect {
  return {
    Id: summary.Id,
    Name: summary.Name,
    Created: summary.Created,
    State: summary.Status,
    Hostname: summary.Name,
    Labels: summary.Labels,
    InfraContainerID: summary.InfraId,
    SharedNamespaces: ['ipc', 'net', 'uts'],
    NumContainers: summary.Containers.length,
    Containers: summary.Containers.map((c) => ({ Id: c.Id, Name: c.Names, State: c.Status })),
  };
}

export function networkInspect(
  name: string,
  options: {
    subnet?: string;
    internal?: boolean;
    dns?: boolean;
    containers?: Array<{ id: string; name: string; ipnet?: string }>;
  } = {},
): NetworkInspect {
  const subnet = options.subnet ?? '10.89.0.0/24';
  const gateway = subnet.replace(/\.0\/\d+$/, '.1');
  return {
    name,
    id: Array.from(name)
      .map((c) => c.charCodeAt(0).toString(16))
      .join('')
      .padEnd(64, '0')
      .slice(0, 64),
    driver: 'bridge',
    network_interface: `${name.slice(0, 10)}0`,
    created: '2023-11-14T22:13:20.000000000Z',
    subnets: [{ subnet, gateway }],
    ipv6_enabled: false,
    internal: options.internal ?? false,
    dns_enabled: options.dns ?? true,
    ipam_options: { driver: 'host-local' },
    containers: Object.fromEntries(
      (options.containers ?? []).map((c) => [
        c.id.padEnd(64, '0'),
        {
          name: c.name,
          // Addresses only while it runs.
          interfaces: (c.ipnet
            ? { eth0: { subnets: [{ ipnet: c.ipnet, gateway }], mac_address: '' } }
            : {}) as NetworkContainer['interfaces'],
        },
      ]),
    ),
  };
}
