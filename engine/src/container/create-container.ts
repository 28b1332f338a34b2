// `create`: records a container made from an image and the user's choices. Nothing runs and
// nothing is mounted yet (that is init, at start), so create is one short transaction: a create
// killed at any point leaves either no container or a complete one.
import { randomBytes } from '../util/random.js';
import { nameMeantBy, requireImage } from '../image/image-lookup.js';
import { getImageRecord, type ImageRecord } from '../image/image-records.js';
import type { ImageConfig } from '../image/manifest.js';
import {
  planContainerNetwork,
  recordAttachments,
  requestedPortMappings,
} from '../network/container-network.js';
import { applyPodToCreateRequest } from '../pod/pod-join.js';
import { mergeEnv, resolveProcessArgs } from '../runtime/command-merge.js';
import type { Store } from '../state/store.js';
import type { ContainerConfig, ContainerMount, RestartPolicy } from './container-config.js';
import { containerEvent } from './container-events.js';
import { randomContainerName, validateContainerName } from './container-names.js';
import { insertContainerRecord, ContainerNameInUseError, type ContainerRecord } from './container-records.js';
import { runtimeFor } from './container-runtime.js';
import { rootlessLimitsWarning } from './rootless-limits.js';
import { log } from '../util/logger.js';
import { initialState } from './container-state.js';

export class CreateRequestError extends Error {
  readonly exitCode = 125;
}

/** What a user can choose at create (the CLI's flags and the API's body both map to this). */
export interface CreateContainerRequest {
  /** A reference or ID of a local image. */
  image: string;
  /** The image's ID when the caller already resolved (or pulled) it; `image` then only names it. */
  imageId?: string;
  /** Search registries for short names (registries.conf). */
  searchRegistries?: readonly string[];
  name?: string;
  /** Words after the image name. */
  command?: string[];
  /** --entrypoint, parsed; undefined when not given. */
  entrypoint?: string[];
  /** NAME=value entries over the image's env. */
  env?: string[];
  workdir?: string;
  user?: string;
  groupAdd?: string[];
  hostname?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tty?: boolean;
  interactive?: boolean;
  mounts?: ContainerMount[];
  readOnly?: boolean;
  readOnlyTmpfs?: boolean;
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  memory?: number;
  cpus?: number;
  pidsLimit?: number;
  init?: boolean;
  restartPolicy?: RestartPolicy;
  stopSignal?: string;
  stopTimeout?: number;
  autoRemove?: boolean;
  logSizeMax?: number;
  ulimits?: ContainerConfig['ulimits'];
  shmSize?: number;
  seccomp?: 'default' | 'unconfined';
  noNewPrivileges?: boolean;
  networkMode?: string;
  publish?: string[];
  // --- networking (engine/src/network) ---
  /** -P */
  publishAll?: boolean;
  /** --network-alias, --ip, --mac-address (for the first network). */
  networkAliases?: string[];
  ip?: string;
  mac?: string;
  dns?: string[];
  dnsSearch?: string[];
  dnsOptions?: string[];
  /** --add-host HOST:IP */
  addHosts?: string[];
  // --- end networking ---
  pod?: string;
  // --- pods (engine/src/pod) ---
  /** Set by the pod code for the pod's own infra container. */
  podInfra?: boolean;
  // --- end pods ---
  /** OCI runtime name or path (--runtime); the host's default otherwise. */
  runtime?: string;
}

export const DEFAULT_STOP_TIMEOUT = 10;

function imageRunConfig(image: ImageRecord): NonNullable<ImageConfig['config']> {
  return ((JSON.parse(image.config) as ImageConfig).config ?? {}) as NonNullable<ImageConfig['config']>;
}

/** The image's VOLUMEs become anonymous volumes unless the user mounted something there. */
function imageVolumeMounts(
  imageVolumes: readonly string[],
  userMounts: readonly ContainerMount[],
): ContainerMount[] {
  const taken = new Set(userMounts.map((m) => m.destination));
  return imageVolumes
    .filter((destination) => !taken.has(destination))
    .map((destination) => ({
      type: 'volume' as const,
      name: randomBytes(32).toString('hex'),
      anonymous: true,
      destination,
      readonly: false,
      options: [],
    }));
}

export function buildContainerConfig(
  image: ImageRecord,
  imageName: string,
  request: CreateContainerRequest,
  id: string,
): ContainerConfig {
  const run = imageRunConfig(image);
  const args = resolveProcessArgs({
    imageEntrypoint: run.Entrypoint,
    imageCmd: run.Cmd,
    entrypoint: request.entrypoint,
    command: request.command,
  });
  // Split back into podman's Entrypoint/Cmd for inspect.
  const entrypointUsed =
    request.entrypoint !== undefined
      ? request.entrypoint.filter((w, i, all) => !(all.length === 1 && w === ''))
      : (run.Entrypoint ?? []);
  const entrypoint = args.slice(0, entrypointUsed.length);
  const command = args.slice(entrypointUsed.length);
  const userMounts = request.mounts ?? [];
  const destinations = new Set<string>();
  for (const mount of userMounts) {
    if (destinations.has(mount.destination))
      throw new CreateRequestError(`${mount.destination}: duplicate mount destination`);
    destinations.add(mount.destination);
  }
  const restartPolicy = request.restartPolicy ?? { name: 'no', maxRetries: 0 };
  if (request.autoRemove && restartPolicy.name !== 'no')
    throw new CreateRequestError('the --rm option conflicts with --restart: choose one of them');
  const labels = { ...(run.Labels ?? {}), ...(request.labels ?? {}) };
  // Network names and container:NAME are resolved by planContainerNetwork before this.
  const networkMode = request.networkMode ?? 'bridge';
  if (!/^(bridge|none|host|private|pasta|slirp4netns|ns:\/.+|container:[0-9a-f]{64})$/.test(networkMode))
    throw new CreateRequestError(
      `network mode "${networkMode}" is not supported: use bridge, a network name, none, host, container:NAME, ns:PATH, or (rootless) pasta or slirp4netns`,
    );
  return {
    imageName,
    imageId: image.id,
    entrypoint,
    command,
    env: mergeEnv(run.Env ?? [], request.env ?? []),
    workdir: request.workdir || run.WorkingDir || '/',
    user: request.user ?? run.User ?? '',
    groupAdd: request.groupAdd ?? [],
    hostname: request.hostname || id.slice(0, 12),
    labels,
    annotations: request.annotations ?? {},
    tty: request.tty ?? false,
    interactive: request.interactive ?? false,
    mounts: [...userMounts, ...imageVolumeMounts(Object.keys(run.Volumes ?? {}), userMounts)],
    readOnly: request.readOnly ?? false,
    readOnlyTmpfs: request.readOnlyTmpfs ?? true,
    privileged: request.privileged ?? false,
    capAdd: request.capAdd ?? [],
    capDrop: request.capDrop ?? [],
    memory: request.memory ?? 0,
    cpus: request.cpus ?? 0,
    pidsLimit: request.pidsLimit,
    init: request.init ?? false,
    restartPolicy,
    stopSignal: request.stopSignal || run.StopSignal || 'SIGTERM',
    stopTimeout: request.stopTimeout ?? DEFAULT_STOP_TIMEOUT,
    autoRemove: request.autoRemove ?? false,
    logSizeMax: request.logSizeMax ?? 0,
    ulimits: request.ulimits ?? [],
    shmSize: request.shmSize,
    seccomp: request.seccomp ?? 'default',
    noNewPrivileges: request.noNewPrivileges ?? false,
    networkMode,
    publish: request.publish ?? [],
    exposedPorts: Object.keys(run.ExposedPorts ?? {}),
    publishAll: request.publishAll ?? false,
    dns: request.dns ?? [],
    dnsSearch: request.dnsSearch ?? [],
    dnsOptions: request.dnsOptions ?? [],
    addHosts: request.addHosts ?? [],
    pod: request.pod,
    ...(request.podInfra ? { podInfra: true } : {}),
  };
}

export async function createContainer(store: Store, input: CreateContainerRequest): Promise<ContainerRecord> {
  // --- pods: a member takes its pod's ID, network and hostname (engine/src/pod/pod-join.ts) ---
  const request = await applyPodToCreateRequest(store, input);
  // --- end pods ---
  const image =
    (request.imageId !== undefined ? getImageRecord(store.db, request.imageId) : undefined) ??
    requireImage(store.db, request.image, request.searchRegistries ?? []);
  if (request.name !== undefined) validateContainerName(request.name);
  const runtime = runtimeFor(store.paths, request.runtime);
  const id = randomBytes(32).toString('hex');
  const imageName =
    nameMeantBy(image, request.image, request.searchRegistries ?? []) ?? image.names[0] ?? image.id;
  // Networking: the mode and the networks to attach (validated now, wired at start).
  const networkPlan = planContainerNetwork(
    store.db,
    {
      networkMode: request.networkMode,
      aliases: request.networkAliases,
      ip: request.ip,
      mac: request.mac,
    },
    store.paths.rootless,
  );
  const config = buildContainerConfig(
    image,
    imageName,
    { ...request, networkMode: networkPlan.networkMode },
    id,
  );
  requestedPortMappings(config); // -p specs are checked now, as podman does, not at start
  if (store.paths.rootless) {
    const ignored = rootlessLimitsWarning(config);
    if (ignored) log.warn(ignored);
  }
  // A random name may collide with an existing one: try a few.
  for (let attempt = 0; ; attempt++) {
    const record: ContainerRecord = {
      id,
      name: request.name ?? randomContainerName(),
      imageId: image.id,
      createdAt: new Date().toISOString(),
      runtime: runtime.name,
      config,
      state: initialState(),
    };
    try {
      // The container row and its network attachments: one transaction.
      store.db
        .transaction(() => {
          insertContainerRecord(store.db, record);
          recordAttachments(store.db, record.id, networkPlan);
        })
        .immediate();
      containerEvent(store, 'create', record);
      return record;
    } catch (error) {
      if (!(error instanceof ContainerNameInUseError) || request.name !== undefined || attempt >= 20)
        throw error;
    }
  }
}
