// Podman's libpod pod routes (`/v4.0.0/libpod/pods/...`), the subset the desktop app and Podman
// Desktop's extensions use: list, create, inspect, the pod verbs and removal. They run the pods
// domain of the contract on the service's store, so their answers are podman's `pod ps` and
// `pod inspect` shapes and their errors carry the contract's codes (404, 409...).
import { z } from 'zod';
import type { Store } from '../state/store.js';
import { podCalls, podErrorCode } from '../engine/pod-handlers.js';
import { withErrorCodes } from '../engine/image-handlers.js';
import { podCreateInput } from '../contract/pod-contract.js';
import { ApiError } from './api-errors.js';
import { queryFlag, queryInt, sendJson, type Exchange, type Route } from './api-context.js';
import { readJson } from './http-body.js';

const pods = (store: Store) =>
  withErrorCodes(
    podCalls(() => store),
    podErrorCode,
  );

/** podman's PortMapping of a PodSpecGenerator. */
const portMapping = z
  .object({
    container_port: z.number().int().min(1).max(65535),
    host_port: z.number().int().min(0).max(65535).optional(),
    host_ip: z.string().max(64).optional(),
    protocol: z.string().max(32).optional(),
    range: z.number().int().min(0).max(65535).optional(),
  })
  .passthrough();

/** The fields of podman's PodSpecGenerator that Berth's pods have; others are ignored, as podman ignores unknown ones. */
const podSpec = z
  .object({
    name: z.string().max(253).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    portmappings: z.array(portMapping).max(256).optional(),
  })
  .passthrough();

function portSpec(mapping: z.infer<typeof portMapping>): string {
  const count = Math.max(mapping.range ?? 1, 1);
  const span = (start: number) => (count > 1 ? `${start}-${start + count - 1}` : `${start}`);
  const ip = mapping.host_ip
    ? `${mapping.host_ip.includes(':') ? `[${mapping.host_ip}]` : mapping.host_ip}:`
    : '';
  const host = mapping.host_port ? span(mapping.host_port) : '';
  const protocol = mapping.protocol ? `/${mapping.protocol.split(',')[0]}` : '';
  return `${ip}${host}${ip || host ? ':' : ''}${span(mapping.container_port)}${protocol}`;
}

async function create(x: Exchange): Promise<void> {
  const spec = await readJson(x.req, podSpec, 'pod spec');
  const input = podCreateInput.safeParse({
    name: spec.name || undefined,
    labels: spec.labels ?? {},
    ports: (spec.portmappings ?? []).map(portSpec),
  });
  if (!input.success)
    throw new ApiError(
      400,
      `invalid pod spec: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const pod = await pods(x.ctx.store)['pods.create'](input.data);
  sendJson(x.res, 201, { Id: pod.Id });
}

async function list(x: Exchange): Promise<void> {
  sendJson(x.res, 200, await pods(x.ctx.store)['pods.list']({}));
}

async function inspect(x: Exchange): Promise<void> {
  sendJson(x.res, 200, await pods(x.ctx.store)['pods.inspect']({ pod: x.params.name! }));
}

type Verb = 'pods.start' | 'pods.stop' | 'pods.restart' | 'pods.pause' | 'pods.unpause' | 'pods.kill';

/** A pod verb answered with podman's report: the pod's ID and the errors of its containers. */
function verb(name: Verb): (x: Exchange) => Promise<void> {
  return async (x) => {
    const calls = pods(x.ctx.store);
    const pod = x.params.name!;
    const timeout = queryInt(x.query, 't');
    let result;
    if (name === 'pods.stop' || name === 'pods.restart') result = await calls[name]({ pod, timeout });
    else if (name === 'pods.kill')
      result = await calls[name]({ pod, signal: x.query.get('signal') || 'KILL' });
    else result = await calls[name]({ pod });
    sendJson(x.res, 200, { Errs: [], Id: result.Id });
  };
}

async function remove(x: Exchange): Promise<void> {
  const { id } = await pods(x.ctx.store)['pods.remove']({
    pod: x.params.name!,
    force: queryFlag(x.query, 'force'),
  });
  sendJson(x.res, 200, { Err: null, Id: id, RemovedCtrs: {} });
}

export const LIBPOD_POD_ROUTES: Route[] = [
  { method: 'GET', path: '/libpod/pods/json', handle: list },
  { method: 'POST', path: '/libpod/pods/create', handle: create },
  { method: 'GET', path: '/libpod/pods/{name}/json', handle: inspect },
  { method: 'POST', path: '/libpod/pods/{name}/start', handle: verb('pods.start') },
  { method: 'POST', path: '/libpod/pods/{name}/stop', handle: verb('pods.stop') },
  { method: 'POST', path: '/libpod/pods/{name}/restart', handle: verb('pods.restart') },
  { method: 'POST', path: '/libpod/pods/{name}/pause', handle: verb('pods.pause') },
  { method: 'POST', path: '/libpod/pods/{name}/unpause', handle: verb('pods.unpause') },
  { method: 'POST', path: '/libpod/pods/{name}/kill', handle: verb('pods.kill') },
  { method: 'DELETE', path: '/libpod/pods/{name}', handle: remove },
];
