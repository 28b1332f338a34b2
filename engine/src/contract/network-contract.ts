// The networks domain: list, inspect, create (bridge networks), remove, prune, and connecting or
// disconnecting a container.
import { z } from 'zod';
import { call, defineDomain, returns } from './contract-spec.js';
import type { NetworkInspect } from './network-types.js';

/** podman's rule for network names. */
export const NETWORK_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** An IPv4 subnet in CIDR notation (the engine checks it further). */
export const IPV4_SUBNET_PATTERN = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
export const IPV4_ADDRESS_PATTERN = /^\d{1,3}(\.\d{1,3}){3}$/;

const networkRef = z.string().min(1).max(256);
const containerRef = z.string().min(1).max(256);

export const networkCreateInput = z
  .object({
    name: z
      .string()
      .max(253)
      .regex(NETWORK_NAME_PATTERN, 'use letters, digits, "_", "." and "-", starting with a letter or digit')
      .optional(),
    /** Without one, the next free /24 of Berth's pool. */
    subnet: z
      .string()
      .max(64)
      .regex(IPV4_SUBNET_PATTERN, 'use an IPv4 subnet such as 10.90.0.0/24')
      .optional(),
    /** Without one, the subnet's first address; only with a subnet. */
    gateway: z
      .string()
      .max(64)
      .regex(IPV4_ADDRESS_PATTERN, 'use an IPv4 address such as 10.90.0.1')
      .optional(),
    /** No route out of the network. */
    internal: z.boolean().default(false),
    disableDns: z.boolean().default(false),
    labels: z.record(z.string().min(1).max(256), z.string().max(4096)).default({}),
  })
  .strict()
  .refine((input) => input.gateway === undefined || input.subnet !== undefined, {
    message: 'give the subnet the gateway is in',
    path: ['gateway'],
  });

export const networkContract = defineDomain('networks', {
  calls: {
    /** Every network, the default one included, with the containers connected to each. */
    'networks.list': call(z.object({}).strict(), returns<NetworkInspect[]>()),
    'networks.inspect': call(z.object({ network: networkRef }).strict(), returns<NetworkInspect>()),
    'networks.create': call(networkCreateInput, returns<NetworkInspect>()),
    /** A network with containers connected only with `force`, which removes those containers. */
    'networks.remove': call(
      z.object({ network: networkRef, force: z.boolean().default(false) }).strict(),
      returns<{ name: string }>(),
    ),
    /** Every network no container uses (never the default one). */
    'networks.prune': call(z.object({}).strict(), returns<{ removed: string[] }>()),
    'networks.connect': call(
      z
        .object({
          network: networkRef,
          container: containerRef,
          aliases: z.array(z.string().min(1).max(253)).max(64).default([]),
        })
        .strict(),
      returns<NetworkInspect>(),
    ),
    'networks.disconnect': call(
      z.object({ network: networkRef, container: containerRef }).strict(),
      returns<NetworkInspect>(),
    ),
  },
  streams: {},
});
