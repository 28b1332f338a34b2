// `network connect` / `network disconnect`: the attachment rows change under the container's
// lock; a running container (one with a network sandbox) is wired or unwired at once through
// netavark with an input for that one network, and the sandbox's stored input follows, so the
// final teardown still undoes exactly what exists.
import { withContainerLock } from '../container/container-lock.js';
import { requireContainer } from '../container/container-lookup.js';
import type { Store } from '../state/store.js';
import { checkStaticIp } from './container-network.js';
import { runNetavark } from './netavark.js';
import { NetworkError } from './network-errors.js';
import { networkContainerEvent } from './network-events.js';
import { requireNetwork } from './network-lookup.js';
import {
  attachmentsOfContainer,
  deleteAttachment,
  getSandbox,
  insertAttachment,
  insertLease,
  leasedAddresses,
  releaseLeases,
  saveSandbox,
  type NetavarkInput,
} from './network-records.js';
import { formatIpv4, isUsableHost, parseSubnet } from './ipv4.js';

export interface ConnectOptions {
  aliases?: string[];
  ip?: string;
  mac?: string;
}

export async function connectNetwork(
  store: Store,
  networkName: string,
  containerInput: string,
  options: ConnectOptions = {},
): Promise<void> {
  const network = requireNetwork(store.db, networkName);
  const found = requireContainer(store.db, containerInput);
  if (options.ip) checkStaticIp(network, options.ip);
  await withContainerLock(store, found.id, async () => {
    const record = requireContainer(store.db, found.id);
    if (record.config.networkMode !== 'bridge')
      throw new NetworkError(
        `container ${record.name} uses --network ${record.config.networkMode}: only containers on bridge networks can be connected to a network`,
      );
    const attachments = attachmentsOfContainer(store.db, record.id);
    if (attachments.some((a) => a.network === network.name))
      throw new NetworkError(
        `container ${record.id} is already connected to network "${network.name}": network is already connected`,
      );
    const usedInterfaces = new Set(attachments.map((a) => a.interfaceName));
    let index = 0;
    while (usedInterfaces.has(`eth${index}`)) index++;
    const attachment = {
      containerId: record.id,
      network: network.name,
      aliases: options.aliases ?? [],
      staticIp: options.ip ?? '',
      staticMac: (options.mac ?? '').toLowerCase(),
      interfaceName: `eth${index}`,
      position: Math.max(-1, ...attachments.map((a) => a.position)) + 1,
    };
    const sandbox = getSandbox(store.db, record.id);
    if (!sandbox) {
      insertAttachment(store.db, attachment);
    } else {
      let address = '';
      const claim = store.db.transaction(() => {
        insertAttachment(store.db, attachment);
        if (attachment.staticIp) {
          if (!insertLease(store.db, network.name, attachment.staticIp, record.id))
            throw new NetworkError(
              `IP address ${attachment.staticIp} on network ${network.name} is already in use: choose another --ip`,
            );
          address = attachment.staticIp;
          return;
        }
        const taken = leasedAddresses(store.db, network.name);
        for (const def of network.subnets) {
          const subnet = parseSubnet(def.subnet);
          for (let i = 1; i < 2 ** (32 - subnet.prefix) && !address; i++) {
            const text = formatIpv4(subnet.base + i);
            if (isUsableHost(subnet, subnet.base + i) && text !== def.gateway && !taken.has(text)) {
              insertLease(store.db, network.name, text, record.id);
              address = text;
            }
          }
        }
        if (!address) throw new NetworkError(`no free IP address left on network ${network.name}`);
      });
      claim.immediate();
      const input: NetavarkInput = {
        ...sandbox.setupInput,
        networks: {
          [network.name]: {
            static_ips: [address],
            aliases: [record.id.slice(0, 12), ...attachment.aliases],
            interface_name: attachment.interfaceName,
            ...(attachment.staticMac ? { static_mac: attachment.staticMac } : {}),
          },
        },
        network_info: {
          [network.name]: {
            name: network.name,
            id: network.id,
            driver: network.driver,
            network_interface: network.networkInterface,
            subnets: network.subnets,
            ipv6_enabled: false,
            internal: network.internal,
            dns_enabled: network.dnsEnabled,
            ipam_options: { driver: 'host-local' },
          },
        },
      };
      try {
        const result = await runNetavark(store, 'setup', sandbox.netns, input);
        saveSandbox(store.db, {
          ...sandbox,
          setupInput: {
            ...sandbox.setupInput,
            networks: { ...sandbox.setupInput.networks, ...input.networks },
            network_info: { ...sandbox.setupInput.network_info, ...input.network_info },
          },
          setupResult: { ...sandbox.setupResult, ...result },
        });
      } catch (error) {
        const undo = store.db.transaction(() => {
          deleteAttachment(store.db, record.id, network.name);
          releaseLeases(store.db, record.id, network.name);
        });
        undo.immediate();
        throw error;
      }
    }
    networkContainerEvent(store, 'connect', network.name, record.id);
  });
}

export async function disconnectNetwork(
  store: Store,
  networkName: string,
  containerInput: string,
): Promise<void> {
  const network = requireNetwork(store.db, networkName);
  const found = requireContainer(store.db, containerInput);
  await withContainerLock(store, found.id, async () => {
    const record = requireContainer(store.db, found.id);
    const attachments = attachmentsOfContainer(store.db, record.id);
    if (!attachments.some((a) => a.network === network.name))
      throw new NetworkError(
        `container ${record.id} is not connected to network ${network.name}: nothing to disconnect`,
      );
    const sandbox = getSandbox(store.db, record.id);
    if (sandbox?.setupInput.networks[network.name]) {
      const only: NetavarkInput = {
        ...sandbox.setupInput,
        networks: { [network.name]: sandbox.setupInput.networks[network.name]! },
        network_info: { [network.name]: sandbox.setupInput.network_info[network.name]! },
      };
      await runNetavark(store, 'teardown', sandbox.netns, only);
      const networks = { ...sandbox.setupInput.networks };
      const info = { ...sandbox.setupInput.network_info };
      const result = { ...sandbox.setupResult };
      delete networks[network.name];
      delete info[network.name];
      delete result[network.name];
      saveSandbox(store.db, {
        ...sandbox,
        setupInput: { ...sandbox.setupInput, networks, network_info: info },
        setupResult: result,
      });
    }
    const remove = store.db.transaction(() => {
      deleteAttachment(store.db, record.id, network.name);
      releaseLeases(store.db, record.id, network.name);
    });
    remove.immediate();
    networkContainerEvent(store, 'disconnect', network.name, record.id);
  });
}
