// A container's networking, from `create` to teardown:
// - create: the network mode (`bridge` for netavark networks, `none`, `host`, `private`,
//   `ns:PATH`, `container:ID`) and, for bridge, one attachment row per network (aliases, --ip,
//   --mac-address, interface name), written in the same transaction as the container row.
// - init (start): host ports checked and chosen, addresses leased, all in one IMMEDIATE
//   transaction, so parallel starts in any number of processes never share an address or a port;
//   then a netns is made and `netavark setup` wires it. Anything that fails undoes what was done.
// - teardown (exit, stop, rm, failed start): `netavark teardown` with the very input of setup (so
//   that its DNAT rules go too), the netns unmounted, the leases released.
// - rootless: the default network is the container's own namespace wired by pasta or slirp4netns;
//   user networks are netavark's inside the store's rootless netns (rootless-netns.ts), their
//   published ports brought in by the rootless port forwarder (rootless-port-forward.ts).
import { closeSync, existsSync, openSync } from 'node:fs';
import { parsePublish, type PortMapping } from '../container/container-ports.js';
import type { ContainerConfig } from '../container/container-config.js';
import {
  containerIdByName,
  containerIdsByPrefix,
  getContainerRecord,
} from '../container/container-records.js';
import type { ContainerRecord } from '../container/container-records.js';
import type { EtcFilesRequest } from '../runtime/etc-files.js';
import type { NamespaceMode } from '../runtime/oci-spec.js';
import type { StateDatabase } from '../state/state-database.js';
import type { Store } from '../state/store.js';
import { log } from '../util/logger.js';
import { randomInt } from '../util/random.js';
import { formatIpv4, isUsableHost, parseIpv4, parseSubnet } from './ipv4.js';
import { mappingsClash, probeHostPort, randomHostPort } from './host-ports.js';
import { runNetavark, withNetavarkLock } from './netavark.js';
import { createNetns, removeNetns } from './netns.js';
import { scanProcesses } from './helper-processes.js';
import { startPasta, stopPasta } from './pasta-network.js';
import {
  releaseRootlessNetnsIfUnused,
  rootlessNetnsExists,
  rootlessNetnsPath,
  usesNetavark,
} from './rootless-netns.js';
import { startPortForwarder, stopPortForwarder } from './rootless-port-forward.js';
import {
  SLIRP4NETNS_ADDRESS,
  SLIRP4NETNS_DNS,
  startSlirp4netns,
  stopSlirp4netns,
} from './slirp4netns-network.js';
import { defaultRootlessNetworkCmd, type RootlessNetworkCmd } from '../config/containers-conf.js';
import { DEFAULT_NETWORK, canonicalNetworkName, ensureDefaultNetwork } from './network-default.js';
import { NetworkError, NetworkNotFoundError, PortInUseError } from './network-errors.js';
import { requireNetwork } from './network-lookup.js';
import { netnsPath } from './network-paths.js';
import {
  attachmentsOfContainer,
  deleteSandbox,
  getNetworkRecord,
  getSandbox,
  insertAttachment,
  insertLease,
  leaseHolder,
  leasedAddresses,
  listSandboxes,
  releaseLeases,
  saveSandbox,
  type NetavarkInput,
  type NetavarkNetworkInfo,
  type NetavarkPortMapping,
  type NetworkAttachment,
  type NetworkRecord,
  type SandboxRecord,
} from './network-records.js';

/** What create needs to know about networking, from the CLI's flags or the API's body. */
export interface NetworkRequest {
  /** --network: a mode, or network names separated by commas; undefined = the default network. */
  networkMode?: string;
  aliases?: string[];
  ip?: string;
  mac?: string;
}

export interface NetworkPlan {
  /** What the container config records: bridge, none, host, private, ns:PATH, container:ID. */
  networkMode: string;
  attachments: Array<Omit<NetworkAttachment, 'containerId'>>;
}

const SIMPLE_MODES = new Set(['none', 'host', 'private']);
/** Rootless modes: the container's own namespace wired to the host by this helper. */
const ROOTLESS_MODES = new Set<string>(['pasta', 'slirp4netns']);

function resolveContainerId(db: StateDatabase, nameOrId: string): string {
  const byName = containerIdByName(db, nameOrId);
  if (byName) return byName;
  const matches = /^[0-9a-f]+$/.test(nameOrId) ? containerIdsByPrefix(db, nameOrId) : [];
  if (matches.length === 1) return matches[0]!;
  throw new NetworkError(
    `no container with name or ID "${nameOrId}" found: no such container (for --network container:NAME)`,
  );
}

/** Decides the network mode and attachments at create; throws for unknown networks or bad options. */
export function planContainerNetwork(
  db: StateDatabase,
  request: NetworkRequest,
  rootless = false,
): NetworkPlan {
  const requested = request.networkMode?.trim() || 'bridge';
  const aliases = request.aliases ?? [];
  const bridgeOnly = (mode: string) => {
    if (aliases.length > 0 || request.ip || request.mac)
      throw new NetworkError(
        `--network-alias, --ip and --mac-address need a bridge network, not --network ${mode}: drop them or use a network`,
      );
  };
  if (SIMPLE_MODES.has(requested) || requested.startsWith('ns:')) {
    bridgeOnly(requested);
    if (requested === 'ns:') throw new NetworkError('--network ns: needs a path, e.g. ns:/run/netns/name');
    return { networkMode: requested, attachments: [] };
  }
  if (requested.startsWith('container:')) {
    bridgeOnly(requested);
    return {
      networkMode: `container:${resolveContainerId(db, requested.slice('container:'.length))}`,
      attachments: [],
    };
  }
  if (ROOTLESS_MODES.has(requested)) {
    if (!rootless)
      throw new NetworkError(
        `--network ${requested} is for rootless containers: as root use bridge, a network name, none or host`,
      );
    bridgeOnly(requested);
    return { networkMode: requested, attachments: [] };
  }
  const names = [...new Set(requested.split(',').map((n) => canonicalNetworkName(n.trim())))].filter(Boolean);
  if ((request.ip || request.mac) && names.length > 1)
    throw new NetworkError(
      '--ip and --mac-address apply to one network: connect the others with berth network connect',
    );
  const networks = names.map((name) => {
    try {
      return requireNetwork(db, name);
    } catch (error) {
      // podman's create exits 125 for an unknown network (network rm's 1 is for rm only).
      if (error instanceof NetworkNotFoundError) throw new NetworkError(error.message);
      throw error;
    }
  });
  if (request.ip) checkStaticIp(networks[0]!, request.ip);
  if (request.mac && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(request.mac))
    throw new NetworkError(
      `invalid MAC address "${request.mac}": use six hex pairs such as 92:d0:c6:0a:29:33`,
    );
  return {
    networkMode: 'bridge',
    attachments: networks.map((network, position) => ({
      network: network.name,
      aliases,
      staticIp: position === 0 ? (request.ip ?? '') : '',
      staticMac: position === 0 ? (request.mac ?? '').toLowerCase() : '',
      interfaceName: `eth${position}`,
      position,
    })),
  };
}

export function checkStaticIp(network: NetworkRecord, ip: string): void {
  const value = parseIpv4(ip);
  if (value === undefined) throw new NetworkError(`invalid IP address "${ip}": use an IPv4 address`);
  const inside = network.subnets.some((s) => isUsableHost(parseSubnet(s.subnet), value) && s.gateway !== ip);
  if (!inside)
    throw new NetworkError(
      `IP address ${ip} is not a free host address of network ${network.name} (${network.subnets.map((s) => s.subnet).join(', ')}): choose one inside the subnet`,
    );
}

/** Writes the plan's attachment rows (call inside create's transaction, after the container row). */
export function recordAttachments(db: StateDatabase, containerId: string, plan: NetworkPlan): void {
  for (const attachment of plan.attachments) insertAttachment(db, { ...attachment, containerId });
}

/** The -p specs (and -P's exposed ports) as netavark mappings; host port 0 = choose one. */
export function requestedPortMappings(config: ContainerConfig): NetavarkPortMapping[] {
  const mappings: NetavarkPortMapping[] = [];
  const parsed: PortMapping[] = config.publish.flatMap(parsePublish);
  for (const m of parsed) {
    if (m.hostPort === 0 && m.range > 1) {
      // No range of random ports: each container port gets a host port of its own.
      for (let i = 0; i < m.range; i++)
        mappings.push({
          host_ip: m.hostIp,
          container_port: m.containerPort + i,
          host_port: 0,
          range: 1,
          protocol: m.protocol,
        });
    } else
      mappings.push({
        host_ip: m.hostIp,
        container_port: m.containerPort,
        host_port: m.hostPort,
        range: m.range,
        protocol: m.protocol,
      });
  }
  if (config.publishAll) {
    for (const exposed of config.exposedPorts) {
      const [portText, protocol = 'tcp'] = exposed.split('/');
      const port = Number(portText);
      if (!Number.isInteger(port)) continue;
      const covered = mappings.some(
        (m) => m.protocol === protocol && m.container_port <= port && port < m.container_port + m.range,
      );
      if (!covered) mappings.push({ host_ip: '', container_port: port, host_port: 0, range: 1, protocol });
    }
  }
  return mappings;
}

export interface ContainerNetworkSetup {
  /** The network namespace for the OCI spec; undefined = the spec's default for the mode. */
  namespace?: NamespaceMode;
  /** What /etc/hosts and /etc/resolv.conf need from networking. */
  etc: Pick<
    EtcFilesRequest,
    'addresses' | 'dnsServers' | 'dnsSearch' | 'dnsOptions' | 'extraHosts' | 'hostNetwork'
  >;
  /**
   * Bridge networks: the namespace exists at once, but netavark is still wiring it. The runtime
   * may create the container meanwhile (it only joins the namespace); its process must not run
   * before this settles. Resolves with the final /etc needs (the addresses and DNS servers that
   * netavark reported), which replace `etc`; rejects after undoing the network set-up.
   */
  wired?: Promise<ContainerNetworkSetup['etc']>;
}

function userEtc(record: ContainerRecord): ContainerNetworkSetup['etc'] {
  const { config } = record;
  return {
    dnsServers: config.dns,
    dnsSearch: config.dnsSearch,
    dnsOptions: config.dnsOptions,
    extraHosts: (config.addHosts ?? []).map(parseAddHost),
  };
}

/** `--add-host name:ip` (also `name=ip`, and IPv6 after the first colon). */
export function parseAddHost(entry: string): { name: string; address: string } {
  const separator = entry.includes('=') ? entry.indexOf('=') : entry.indexOf(':');
  const name = entry.slice(0, separator);
  const address = entry.slice(separator + 1);
  if (separator <= 0 || address === '')
    throw new NetworkError(`invalid --add-host "${entry}": use HOST:IP, e.g. db:10.0.0.5`);
  return { name, address };
}

/** The etc settings a sandbox gives: own addresses, aardvark-dns servers and search domain. */
function sandboxEtc(record: ContainerRecord, sandbox: SandboxRecord): ContainerNetworkSetup['etc'] {
  const base = userEtc(record);
  const addresses: string[] = [];
  const dnsServers: string[] = [];
  let gateway: string | undefined;
  let dnsSearch: string[] = [];
  for (const result of Object.values(sandbox.setupResult ?? {})) {
    for (const iface of Object.values(result.interfaces ?? {}))
      for (const subnet of iface.subnets ?? []) {
        addresses.push(subnet.ipnet.split('/')[0]!);
        gateway ??= subnet.gateway;
      }
    dnsServers.push(...(result.dns_server_ips ?? []));
    if (result.dns_search_domains?.length) dnsSearch = result.dns_search_domains;
  }
  const extraHosts = [...(base.extraHosts ?? [])];
  if (gateway) extraHosts.push({ name: 'host.containers.internal', address: gateway });
  if (addresses[0]) extraHosts.push({ name: record.name, address: addresses[0] });
  return {
    ...base,
    addresses: addresses.slice(0, 1),
    extraHosts,
    // aardvark-dns answers for the containers and forwards the rest to the host's servers.
    dnsServers:
      dnsServers.length > 0 ? [...new Set([...dnsServers, ...(base.dnsServers ?? [])])] : base.dnsServers,
    dnsSearch:
      dnsSearch.length > 0 ? [...new Set([...dnsSearch, ...(base.dnsSearch ?? [])])] : base.dnsSearch,
  };
}

function networkInfo(network: NetworkRecord): NetavarkNetworkInfo & { options?: Record<string, string> } {
  return {
    name: network.name,
    id: network.id,
    driver: network.driver,
    network_interface: network.networkInterface,
    subnets: network.subnets,
    ipv6_enabled: false,
    internal: network.internal,
    dns_enabled: network.dnsEnabled,
    ipam_options: { driver: 'host-local' },
    ...(Object.keys(network.options).length > 0 ? { options: network.options } : {}),
  };
}

/** The attachments to wire at start: recorded ones, or the default network for older records. */
function attachmentsToWire(db: StateDatabase, record: ContainerRecord): NetworkAttachment[] {
  const recorded = attachmentsOfContainer(db, record.id);
  if (recorded.length > 0) return recorded;
  ensureDefaultNetwork(db);
  return [
    {
      containerId: record.id,
      network: DEFAULT_NETWORK,
      aliases: [],
      staticIp: '',
      staticMac: '',
      interfaceName: 'eth0',
      position: 0,
    },
  ];
}

/** Picks a free address of `network` (random start, then in order), or takes the static one. */
function leaseAddress(db: StateDatabase, network: NetworkRecord, attachment: NetworkAttachment): string {
  if (attachment.staticIp) {
    if (!insertLease(db, network.name, attachment.staticIp, attachment.containerId)) {
      const holder = leaseHolder(db, network.name, attachment.staticIp);
      const holderName = holder
        ? (getContainerRecord(db, holder)?.name ?? holder.slice(0, 12))
        : 'another container';
      throw new NetworkError(
        `IP address ${attachment.staticIp} on network ${network.name} is already in use by container ${holderName}: choose another --ip or stop that container`,
      );
    }
    return attachment.staticIp;
  }
  const taken = leasedAddresses(db, network.name);
  for (const subnetDef of network.subnets) {
    const subnet = parseSubnet(subnetDef.subnet);
    const size = 2 ** (32 - subnet.prefix);
    // A random start keeps two stores that share the default bridge from handing out the same
    // address; the database alone decides within this store.
    const start = randomInt(0, size);
    for (let i = 0; i < size; i++) {
      const candidate = subnet.base + ((start + i) % size);
      const text = formatIpv4(candidate);
      if (!isUsableHost(subnet, candidate) || text === subnetDef.gateway || taken.has(text)) continue;
      if (insertLease(db, network.name, text, attachment.containerId)) return text;
    }
  }
  throw new NetworkError(
    `no free IP address left on network ${network.name}: remove containers from it or create a network with a larger --subnet`,
  );
}

/** Resolves the host ports (random where 0) and refuses ports taken by a host process. */
async function chooseHostPorts(requested: readonly NetavarkPortMapping[]): Promise<NetavarkPortMapping[]> {
  const chosen: NetavarkPortMapping[] = [];
  for (const m of requested) {
    if (m.host_port === 0) {
      chosen.push({ ...m, host_port: await randomHostPort(m) });
      continue;
    }
    for (let i = 0; i < m.range; i++) await probeHostPort(m, m.host_port + i);
    chosen.push(m);
  }
  for (let i = 0; i < chosen.length; i++)
    for (let j = i + 1; j < chosen.length; j++)
      if (mappingsClash(chosen[i]!, chosen[j]!))
        throw new PortInUseError(
          `host port ${chosen[j]!.host_port}/${chosen[j]!.protocol} is published twice: give each -p its own host port`,
        );
  return chosen;
}

function containerNameOf(db: StateDatabase, id: string): string {
  return getContainerRecord(db, id)?.name ?? id.slice(0, 12);
}

/** Sets up the container's network namespace for its mode. Caller holds the container's lock. */
export async function setupContainerNetwork(
  store: Store,
  record: ContainerRecord,
): Promise<ContainerNetworkSetup> {
  const mode = record.config.networkMode;
  if (mode === 'host') return { namespace: { mode: 'host' }, etc: { ...userEtc(record), hostNetwork: true } };
  if (mode.startsWith('ns:')) {
    const file = mode.slice(3);
    if (!existsSync(file))
      throw new NetworkError(
        `the network namespace ${file} does not exist: create it first (ip netns add) or fix --network ns:PATH`,
      );
    return { namespace: { mode: 'path', path: file }, etc: userEtc(record) };
  }
  if (mode.startsWith('container:'))
    return joinContainerNetwork(store, record, mode.slice('container:'.length));
  if (ROOTLESS_MODES.has(mode)) return setupOwnRootlessNetwork(store, record, mode as RootlessNetworkCmd);
  if (mode !== 'bridge') return { etc: userEtc(record) }; // none, private: a fresh, empty netns
  // A sandbox left by an interrupted start goes first.
  if (getSandbox(store.db, record.id)) await teardownContainerNetwork(store, record.id);
  const attachments = attachmentsToWire(store.db, record);
  // Rootless on the default network, as podman 5's default: no bridge, no netavark; pasta (or
  // slirp4netns) wires a namespace of the container's own. User networks go through netavark in
  // the rootless netns (rootless-netns.ts).
  if (store.paths.rootless && attachments.every((a) => a.network === DEFAULT_NETWORK))
    return setupOwnRootlessNetwork(store, record, defaultRootlessNetworkCmd());
  const networks = attachments.map((a) => {
    const network = getNetworkRecord(store.db, a.network);
    if (!network)
      throw new NetworkError(
        `network ${a.network} of container ${record.name} no longer exists: disconnect it (berth network disconnect ${a.network} ${record.name})`,
      );
    return network;
  });
  const ports = await chooseHostPorts(requestedPortMappings(record.config));
  const netns = netnsPath(store.paths, record.id);
  const input: NetavarkInput = {
    container_id: record.id,
    container_name: record.name,
    // Rootless, the port forwarder publishes them (no DNAT on a host we cannot change).
    port_mappings: store.paths.rootless ? [] : ports,
    networks: {},
    network_info: {},
  };
  // Addresses and host ports are decided in one IMMEDIATE transaction: SQLite's write lock makes it
  // atomic across processes, and the sandbox row records the claim before anything exists on the host.
  const allocate = store.db.transaction(() => {
    for (const other of listSandboxes(store.db)) {
      if (other.containerId === record.id) continue;
      for (const mine of ports) {
        const clash = other.ports.find((theirs) => mappingsClash(mine, theirs));
        if (clash)
          throw new PortInUseError(
            `cannot listen on the ${mine.protocol.toUpperCase()} port: host port ${clash.host_port} is already published by container ${containerNameOf(store.db, other.containerId)}: stop that container or publish another host port`,
          );
      }
    }
    attachments.forEach((attachment, i) => {
      const network = networks[i]!;
      const address = leaseAddress(store.db, network, attachment);
      input.networks[network.name] = {
        static_ips: [address],
        aliases: [...new Set([record.id.slice(0, 12), ...attachment.aliases])],
        interface_name: attachment.interfaceName,
        ...(attachment.staticMac ? { static_mac: attachment.staticMac } : {}),
      };
      input.network_info[network.name] = networkInfo(network);
    });
    saveSandbox(store.db, { containerId: record.id, netns, setupInput: input, ports });
  });
  allocate.immediate();
  const undo = async (error: unknown): Promise<never> => {
    await teardownContainerNetwork(store, record.id).catch((e: Error) =>
      log.warn(`undoing the network setup of ${record.name}: ${e.message}`),
    );
    throw error;
  };
  await createNetns(netns).catch(undo);
  // netavark (tens of ms: veth, bridge, firewall rules, aardvark-dns) runs while the caller
  // mounts, writes config.json and has the runtime create the container in this namespace.
  const wired = (async () => {
    const began = Date.now();
    const result = await runNetavark(store, 'setup', netns, input);
    log.debug(`container ${record.id.slice(0, 12)}: netavark setup in ${Date.now() - began} ms`);
    const sandbox: SandboxRecord = {
      containerId: record.id,
      netns,
      setupInput: input,
      setupResult: result,
      ports,
    };
    saveSandbox(store.db, sandbox);
    const etc = sandboxEtc(record, sandbox);
    if (store.paths.rootless)
      await startPortForwarder(store.paths, {
        containerId: record.id,
        netns: rootlessNetnsPath(store.paths),
        targetAddress: etc.addresses?.[0] ?? '',
        ports,
      });
    return etc;
  })().catch(undo);
  // Handled here too: it may fail while the caller is still busy elsewhere (an unhandled
  // rejection would end the process); the caller awaits it and gets the error all the same.
  wired.catch(() => undefined);
  return { namespace: { mode: 'path', path: netns }, etc: userEtc(record), wired };
}

async function setupOwnRootlessNetwork(
  store: Store,
  record: ContainerRecord,
  helper: RootlessNetworkCmd,
): Promise<ContainerNetworkSetup> {
  if (getSandbox(store.db, record.id)) await teardownContainerNetwork(store, record.id);
  const ports = await chooseHostPorts(requestedPortMappings(record.config));
  const netns = netnsPath(store.paths, record.id);
  // The sandbox row (no netavark input: networks stay empty) is what teardown and `port` read.
  const input: NetavarkInput = {
    container_id: record.id,
    container_name: record.name,
    port_mappings: ports,
    networks: {},
    network_info: {},
  };
  saveSandbox(store.db, { containerId: record.id, netns, setupInput: input, ports });
  const undo = async (error: unknown): Promise<never> => {
    await teardownContainerNetwork(store, record.id).catch((e: Error) =>
      log.warn(`undoing the network setup of ${record.name}: ${e.message}`),
    );
    throw error;
  };
  await createNetns(netns).catch(undo);
  const etc = userEtc(record);
  // As with netavark, the helper wires the namespace while the runtime creates the container.
  const wired = (async (): Promise<ContainerNetworkSetup['etc']> => {
    if (helper === 'pasta') {
      // pasta publishes the ports itself, listening on the host.
      await startPasta(netns, ports);
      return etc;
    }
    await startSlirp4netns(netns, `${netns}.log`);
    await startPortForwarder(store.paths, {
      containerId: record.id,
      netns,
      targetAddress: SLIRP4NETNS_ADDRESS,
      ports,
    });
    // slirp4netns's built-in DNS forwarder, unless the user named servers.
    return { ...etc, dnsServers: etc.dnsServers?.length ? etc.dnsServers : [SLIRP4NETNS_DNS] };
  })().catch(undo);
  wired.catch(() => undefined); // awaited by the caller; see setupContainerNetwork
  return { namespace: { mode: 'path', path: netns }, etc, wired };
}

async function joinContainerNetwork(
  store: Store,
  record: ContainerRecord,
  targetId: string,
): Promise<ContainerNetworkSetup> {
  const target = getContainerRecord(store.db, targetId);
  if (!target)
    throw new NetworkError(
      `container ${targetId.slice(0, 12)}, whose network container ${record.name} joins, no longer exists: recreate ${record.name}`,
    );
  if (target.config.networkMode === 'host')
    return { namespace: { mode: 'host' }, etc: { ...userEtc(record), hostNetwork: true } };
  const sandbox = getSandbox(store.db, target.id);
  if (sandbox) return { namespace: { mode: 'path', path: sandbox.netns }, etc: sandboxEtc(record, sandbox) };
  const running = ['running', 'paused'].includes(target.state.status) && target.state.pid > 0;
  if (!running)
    throw new NetworkError(
      `container ${target.name} is not running: start it first (berth start ${target.name}) to join its network namespace`,
    );
  return { namespace: { mode: 'path', path: `/proc/${target.state.pid}/ns/net` }, etc: userEtc(record) };
}

/** An open descriptor on a namespace file; false when there is none (already torn down). */
function openNetns(file: string): number | false {
  try {
    return openSync(file, 'r');
  } catch {
    return false;
  }
}

/** Undoes setupContainerNetwork; safe to repeat and on half-made sandboxes. */
export async function teardownContainerNetwork(store: Store, containerId: string): Promise<void> {
  const sandbox = getSandbox(store.db, containerId);
  if (!sandbox) return;
  const began = Date.now();
  const rootless = store.paths.rootless;
  if (rootless) {
    // A pasta container may also have joined user networks (network connect): stop all it has.
    await stopPortForwarder(store.paths, containerId);
    const processes = scanProcesses();
    await stopPasta(sandbox.netns, processes);
    await stopSlirp4netns(sandbox.netns, processes);
  }
  const held = (!rootless || usesNetavark(sandbox)) && openNetns(sandbox.netns);
  if (held !== false) {
    // netavark works through the open descriptor, so the namespace's mount goes meanwhile: the
    // unmount (a process of its own) is off the way of every container's removal. The descriptor
    // keeps the mount busy, so it is detached (a lazy unmount); the namespace goes when netavark
    // and this process have closed it.
    const [, removed] = await Promise.allSettled([
      runNetavark(store, 'teardown', { fd: held }, sandbox.setupInput).catch((error: Error) => {
        // A second teardown of one namespace fails with "No such device": already done.
        if (!/No such device|No such file/i.test(error.message)) log.warn(error.message);
      }),
      removeNetns(sandbox.netns, { detach: true }),
    ]);
    closeSync(held);
    if (removed.status === 'rejected') throw removed.reason;
  } else await removeNetns(sandbox.netns);
  const release = store.db.transaction(() => {
    releaseLeases(store.db, containerId);
    deleteSandbox(store.db, containerId);
  });
  release.immediate();
  // The last container on a user network takes the rootless netns (and its pasta) with it.
  if (rootless && rootlessNetnsExists(store.paths))
    await withNetavarkLock(store, () => releaseRootlessNetnsIfUnused(store));
  log.debug(`container ${containerId.slice(0, 12)}: network torn down in ${Date.now() - began} ms`);
}

/** The host side of a running container's published ports (random ones resolved). */
export function containerPortMappings(db: StateDatabase, containerId: string): PortMapping[] {
  const sandbox = getSandbox(db, containerId);
  const order = ['tcp', 'udp', 'sctp'];
  return (sandbox?.ports ?? [])
    .map((p) => ({
      hostIp: p.host_ip,
      hostPort: p.host_port,
      containerPort: p.container_port,
      protocol: p.protocol,
      range: p.range,
    }))
    .sort(
      (a, b) =>
        order.indexOf(a.protocol) - order.indexOf(b.protocol) ||
        a.hostPort - b.hostPort ||
        a.containerPort - b.containerPort,
    );
}

export { getSandbox };
