// Network routes of the Docker API over the network domain (the functions `berth network ...`
// calls, with the same events): list, inspect, create, remove, connect, disconnect, prune, with
// networks in Docker's shape (IPAM config, containers with their addresses).
import { z } from 'zod';
import { requireContainer } from '../container/container-lookup.js';
import { getContainerRecord } from '../container/container-records.js';
import { connectNetwork, disconnectNetwork } from '../network/network-connect.js';
import { createNetwork } from '../network/network-create.js';
import { ensureDefaultNetwork } from '../network/network-default.js';
import { requireNetwork } from '../network/network-lookup.js';
import {
  attachmentsOfNetwork,
  getSandbox,
  listNetworkRecords,
  type NetworkRecord,
} from '../network/network-records.js';
import { pruneNetworks, removeNetwork } from '../network/network-remove.js';
import type { Store } from '../state/store.js';
import { ApiError } from './api-errors.js';
import { sendJson, sendNoContent, type Exchange, type Route } from './api-context.js';
import { dockerFilters } from './docker-filters.js';
import { readJson } from './http-body.js';

function dockerNetwork(store: Store, network: NetworkRecord): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const attachment of attachmentsOfNetwork(store.db, network.name)) {
    const record = getContainerRecord(store.db, attachment.containerId);
    if (!record) continue;
    const iface = getSandbox(store.db, record.id)?.setupResult?.[network.name]?.interfaces?.[
      attachment.interfaceName
    ];
    containers[record.id] = {
      Name: record.name,
      EndpointID: '',
      MacAddress: iface?.mac_address ?? '',
      IPv4Address: iface?.subnets?.[0]?.ipnet ?? '',
      IPv6Address: '',
    };
  }
  return {
    Name: network.name,
    Id: network.id,
    Created: network.createdAt,
    Scope: 'local',
    Driver: network.driver,
    EnableIPv6: false,
    IPAM: {
      Driver: 'default',
      Options: {},
      Config: network.subnets.map((s) => ({
        Subnet: s.subnet,
        ...(s.gateway ? { Gateway: s.gateway } : {}),
      })),
    },
    Internal: network.internal,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: network.options,
    Labels: network.labels,
  };
}

function matches(network: NetworkRecord, filters: readonly string[]): boolean {
  return filters.every((filter) => {
    const eq = filter.indexOf('=');
    const key = filter.slice(0, eq);
    const value = filter.slice(eq + 1);
    switch (key) {
      case 'name':
        return network.name.includes(value);
      case 'id':
        return network.id.startsWith(value);
      case 'driver':
        return network.driver === value;
      case 'label': {
        const [k = '', v] = value.split('=');
        return Object.hasOwn(network.labels, k) && (v === undefined || network.labels[k] === v);
      }
      case 'type':
        return value === 'custom'
          ? network.name !== 'berth'
          : value === 'builtin'
            ? network.name === 'berth'
            : false;
      case 'scope':
        return value === 'local';
      default:
        throw new ApiError(
          400,
          `invalid network filter "${key}": use name, id, driver, label, type or scope`,
        );
    }
  });
}

async function list(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  ensureDefaultNetwork(store.db);
  const filters = dockerFilters(x.query);
  const networks = listNetworkRecords(store.db).filter((n) => matches(n, filters));
  sendJson(
    x.res,
    200,
    networks.map((n) => dockerNetwork(store, n)),
  );
}

async function inspect(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  ensureDefaultNetwork(store.db);
  sendJson(x.res, 200, dockerNetwork(store, requireNetwork(store.db, x.params.id!)));
}

const createSchema = z
  .object({
    Name: z.string().min(1, 'name the network'),
    Driver: z.string().nullish(),
    Internal: z.boolean().nullish(),
    CheckDuplicate: z.boolean().nullish(),
    IPAM: z
      .object({
        Config: z
          .array(z.object({ Subnet: z.string().nullish(), Gateway: z.string().nullish() }).loose())
          .nullish(),
      })
      .loose()
      .nullish(),
    Options: z.record(z.string(), z.string()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  })
  .loose();

async function create(x: Exchange): Promise<void> {
  const body = await readJson(x.req, createSchema, 'network create body');
  const config = body.IPAM?.Config ?? [];
  const { network, created } = await createNetwork(x.ctx.store, {
    name: body.Name,
    driver: body.Driver || undefined,
    internal: body.Internal ?? false,
    subnets: config.flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    gateways: config.flatMap((c) => (c.Gateway ? [c.Gateway] : [])),
    labels: body.Labels ?? {},
    options: body.Options ?? {},
    ignoreIfExists: false,
  });
  if (!created) throw new ApiError(409, `network with name ${body.Name} already exists`);
  sendJson(x.res, 201, { Id: network.id, Warning: '' });
}

async function remove(x: Exchange): Promise<void> {
  await removeNetwork(x.ctx.store, x.params.id!);
  sendNoContent(x.res);
}

const connectSchema = z
  .object({
    Container: z.string().min(1, 'name the container'),
    EndpointConfig: z
      .object({
        Aliases: z.array(z.string()).nullish(),
        IPAMConfig: z.object({ IPv4Address: z.string().nullish() }).loose().nullish(),
        MacAddress: z.string().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

async function connect(x: Exchange): Promise<void> {
  const body = await readJson(x.req, connectSchema, 'network connect body');
  const endpoint = body.EndpointConfig;
  await connectNetwork(x.ctx.store, x.params.id!, body.Container, {
    aliases: endpoint?.Aliases ?? [],
    ip: endpoint?.IPAMConfig?.IPv4Address || undefined,
    mac: endpoint?.MacAddress || undefined,
  });
  sendNoContent(x.res, 200);
}

const disconnectSchema = z
  .object({ Container: z.string().min(1, 'name the container'), Force: z.boolean().nullish() })
  .loose();

async function disconnect(x: Exchange): Promise<void> {
  const body = await readJson(x.req, disconnectSchema, 'network disconnect body');
  requireContainer(x.ctx.store.db, body.Container);
  await disconnectNetwork(x.ctx.store, x.params.id!, body.Container);
  sendNoContent(x.res, 200);
}

async function prune(x: Exchange): Promise<void> {
  const filters = dockerFilters(x.query);
  const removed = await pruneNetworks(x.ctx.store, (n) => matches(n, filters));
  sendJson(x.res, 200, { NetworksDeleted: removed });
}

export const NETWORK_ROUTES: Route[] = [
  { method: 'GET', path: '/networks', handle: list },
  { method: 'POST', path: '/networks/create', handle: create },
  { method: 'POST', path: '/networks/prune', handle: prune },
  { method: 'GET', path: '/networks/{id}', handle: inspect },
  { method: 'DELETE', path: '/networks/{id}', handle: remove },
  { method: 'POST', path: '/networks/{id}/connect', handle: connect },
  { method: 'POST', path: '/networks/{id}/disconnect', handle: disconnect },
];
