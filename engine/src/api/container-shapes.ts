// Containers in the Docker API's shapes: the `GET /containers/json` summary and the
// `GET /containers/{id}/json` inspect object. Both are derived from the records and from podman's
// inspect (container-inspect.ts) so there is one source of truth; only names, casing and the few
// fields where Docker differs (a leading "/" on names, Entrypoint as a list, "sha256:" image IDs,
// state names) are translated here.
import { humanDuration } from '../cli/format/human-units.js';
import { containerDiskUsage } from '../container/container-size.js';
import { inspectContainer } from '../container/container-inspect.js';
import type { ContainerRecord } from '../container/container-records.js';
import type { ContainerStatus } from '../container/container-state.js';
import { containerPortMappings } from '../network/container-network.js';
import { containerNetworkSettings } from '../network/network-inspect.js';
import type { Store } from '../state/store.js';

/** Docker has no "initialized"/"stopping": a client would not know them. */
const DOCKER_STATE: Record<ContainerStatus, string> = {
  created: 'created',
  initialized: 'created',
  running: 'running',
  paused: 'paused',
  stopping: 'running',
  exited: 'exited',
  removing: 'removing',
};

export function dockerState(status: ContainerStatus): string {
  return DOCKER_STATE[status];
}

/** Docker's STATUS wording: "Up 3 seconds", "Exited (0) 2 minutes ago", "Created". */
export function dockerStatusText(record: ContainerRecord, now = Date.now()): string {
  const { state } = record;
  switch (state.status) {
    case 'running':
    case 'stopping':
      return `Up ${humanDuration(now - Date.parse(state.startedAt))}`;
    case 'paused':
      return `Up ${humanDuration(now - Date.parse(state.startedAt))} (Paused)`;
    case 'exited':
      return `Exited (${state.exitCode}) ${humanDuration(now - Date.parse(state.finishedAt))} ago`;
    case 'removing':
      return 'Removal In Progress';
    default:
      return 'Created';
  }
}

export const sha256 = (id: string): string => (id.startsWith('sha256:') ? id : `sha256:${id}`);

function shellQuoteForDisplay(words: readonly string[]): string {
  return words.join(' ');
}

interface DockerPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** Published ports as bound (random host ports resolved); Docker shows none for a stopped container. */
function dockerPorts(store: Store, record: ContainerRecord): DockerPort[] {
  const running = record.state.status === 'running' || record.state.status === 'paused';
  const mappings = running ? containerPortMappings(store.db, record.id) : [];
  const ports: DockerPort[] = [];
  for (const m of mappings)
    for (let i = 0; i < m.range; i++)
      ports.push({
        IP: m.hostIp || '0.0.0.0',
        PrivatePort: m.containerPort + i,
        ...(m.hostPort ? { PublicPort: m.hostPort + i } : {}),
        Type: m.protocol,
      });
  return ports;
}

function dockerMounts(store: Store, record: ContainerRecord): unknown[] {
  return record.config.mounts.flatMap((m) => {
    if (m.type === 'tmpfs') return [];
    if (m.type === 'bind')
      return [
        {
          Type: 'bind',
          Source: m.source,
          Destination: m.destination,
          Mode: '',
          RW: !m.readonly,
          Propagation: 'rprivate',
        },
      ];
    return [
      {
        Type: 'volume',
        Name: m.name,
        Source: `${store.paths.volumePath}/${m.name}/_data`,
        Destination: m.destination,
        Driver: 'local',
        Mode: '',
        RW: !m.readonly,
        Propagation: '',
      },
    ];
  });
}

export function dockerSummary(
  store: Store,
  record: ContainerRecord,
  options: { size?: boolean; now?: number } = {},
): Record<string, unknown> {
  const { config, state } = record;
  const settings = containerNetworkSettings(store.db, record) as { Networks?: Record<string, unknown> };
  const summary: Record<string, unknown> = {
    Id: record.id,
    Names: [`/${record.name}`],
    Image: config.imageName,
    ImageID: sha256(record.imageId),
    Command: shellQuoteForDisplay([...config.entrypoint, ...config.command]),
    Created: Math.floor(Date.parse(record.createdAt) / 1000),
    Ports: dockerPorts(store, record),
    Labels: config.labels,
    State: dockerState(state.status),
    Status: dockerStatusText(record, options.now),
    HostConfig: { NetworkMode: config.networkMode === 'bridge' ? 'bridge' : config.networkMode },
    NetworkSettings: { Networks: settings.Networks ?? {} },
    Mounts: dockerMounts(store, record),
  };
  if (options.size) {
    const usage = containerDiskUsage(store, record);
    summary.SizeRw = usage.rw;
    summary.SizeRootFs = usage.rootFs;
  }
  return summary;
}

/** Docker's inspect object, built on podman's (the fields both have keep podman's values). */
export function dockerInspect(store: Store, record: ContainerRecord): Record<string, unknown> {
  const podman = inspectContainer(store, record) as {
    State: Record<string, unknown>;
    Config: Record<string, unknown>;
    HostConfig: Record<string, unknown>;
    [key: string]: unknown;
  };
  const { config, state } = record;
  return {
    ...podman,
    Name: `/${record.name}`,
    Image: sha256(record.imageId),
    State: {
      ...podman.State,
      Status: dockerState(state.status),
      Running: state.status === 'running' || state.status === 'paused' || state.status === 'stopping',
    },
    Config: {
      ...podman.Config,
      Entrypoint: config.entrypoint.length > 0 ? config.entrypoint : null,
      Cmd: config.command,
      Labels: config.labels,
      ExposedPorts: Object.fromEntries(
        config.exposedPorts.map((p) => [p.includes('/') ? p : `${p}/tcp`, {}]),
      ),
      AttachStdin: config.interactive,
      AttachStdout: true,
      AttachStderr: true,
      StdinOnce: false,
    },
    HostConfig: {
      ...podman.HostConfig,
      NetworkMode: config.networkMode,
    },
    Mounts: dockerMounts(store, record),
    Platform: 'linux',
  };
}
