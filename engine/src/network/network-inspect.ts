// Inspect output: a network as podman prints it (`network inspect`: netavark's field names plus
// `created`, labels and options only when set), and a container's NetworkSettings as podman's
// container inspect shows them (top-level address fields filled when it is on one network).
import type { ContainerRecord } from '../container/container-records.js';
import type { StateDatabase } from '../state/state-database.js';
import { attachmentsOfContainer, getSandbox, type NetworkRecord } from './network-records.js';
import { requestedPortMappings } from './container-network.js';

export function inspectNetwork(network: NetworkRecord): Record<string, unknown> {
  return {
    name: network.name,
    id: network.id,
    driver: network.driver,
    network_interface: network.networkInterface,
    created: network.createdAt,
    subnets: network.subnets,
    ipv6_enabled: false,
    internal: network.internal,
    dns_enabled: network.dnsEnabled,
    ...(Object.keys(network.labels).length > 0 ? { labels: network.labels } : {}),
    ...(Object.keys(network.options).length > 0 ? { options: network.options } : {}),
    ipam_options: { driver: 'host-local' },
  };
}

type PortBindings = Record<string, Array<{ HostIp: string; HostPort: string }> | null>;

function portBindings(
  mappings: ReadonlyArray<{
    host_ip: string;
    host_port: number;
    container_port: number;
    range: number;
    protocol: string;
  }>,
): PortBindings {
  const out: PortBindings = {};
  for (const m of mappings)
    for (let i = 0; i < m.range; i++)
      (out[`${m.container_port + i}/${m.protocol}`] ??= [])!.push({
        HostIp: m.host_ip,
        HostPort: m.host_port === 0 ? '' : String(m.host_port + i),
      });
  return out;
}

/** HostConfig.PortBindings: the ports as requested at create (random host ports show as ""). */
export function hostConfigPortBindings(record: ContainerRecord): PortBindings {
  return portBindings(requestedPortMappings(record.config));
}

function basicConfig(ipnet: string | undefined, gateway: string | undefined, mac: string | undefined) {
  const [address = '', prefix = '0'] = (ipnet ?? '').split('/');
  return {
    EndpointID: '',
    Gateway: gateway ?? '',
    IPAddress: address,
    IPPrefixLen: Number(prefix),
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: mac ?? '',
  };
}

export function containerNetworkSettings(
  db: StateDatabase,
  record: ContainerRecord,
): Record<string, unknown> {
  const sandbox = getSandbox(db, record.id);
  const bridge = record.config.networkMode === 'bridge';
  const attachments = bridge ? attachmentsOfContainer(db, record.id) : [];
  const networks: Record<string, unknown> = {};
  let single: ReturnType<typeof basicConfig> | undefined;
  for (const attachment of attachments) {
    const result = sandbox?.setupResult?.[attachment.network];
    const iface = result?.interfaces?.[attachment.interfaceName];
    const subnet = iface?.subnets?.[0];
    const basic = basicConfig(subnet?.ipnet, subnet?.gateway, iface?.mac_address);
    networks[attachment.network] = {
      ...basic,
      NetworkID: attachment.network,
      DriverOpts: null,
      IPAMConfig: null,
      Links: null,
      Aliases: [record.id.slice(0, 12), ...attachment.aliases],
    };
    single = basic;
  }
  const top = attachments.length === 1 && single ? single : basicConfig(undefined, undefined, undefined);
  return {
    ...top,
    Bridge: '',
    SandboxID: '',
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports: sandbox ? portBindings(sandbox.ports) : hostConfigPortBindings(record),
    SandboxKey: sandbox?.netns ?? '',
    ...(bridge ? { Networks: networks } : {}),
  };
}
