// `ps`: every container with its status brought up to date from the exit files, filtered as
// podman's --filter does. The summary shape is podman's `ps --format json` (the desktop and the
// API service use it too).
import { findPod } from '../pod/pod-lookup.js';
import type { ContainerSummary as ContractContainerSummary } from '../contract/container-types.js';
import type { Store } from '../state/store.js';
import { listContainerRecords, type ContainerRecord } from './container-records.js';
import { syncContainers } from './container-sync.js';

export class ContainerFilterError extends Error {
  readonly exitCode = 125;
}

/**
 * podman's `ps --format json` object: the contract's summary (the one shape front ends read) with
 * podman's Namespaces, and Ports left null here (the desktop's handler fills them).
 */
export type ContainerSummary = Omit<ContractContainerSummary, 'Ports'> & {
  Namespaces: Record<string, never>;
  Ports: null;
};

function seconds(iso: string): number {
  return iso ? Math.floor(Date.parse(iso) / 1000) : 0;
}

export function summarizeContainer(record: ContainerRecord): ContainerSummary {
  const { config, state } = record;
  const exited = state.status === 'exited';
  return {
    AutoRemove: config.autoRemove,
    Command: [...config.entrypoint, ...config.command],
    Created: seconds(record.createdAt),
    CreatedAt: record.createdAt,
    Exited: exited,
    ExitedAt: exited ? seconds(state.finishedAt) : 0,
    ExitCode: state.exitCode,
    Id: record.id,
    Image: config.imageName,
    ImageID: record.imageId,
    IsInfra: config.podInfra ?? false,
    Labels: Object.keys(config.labels).length > 0 ? config.labels : null,
    Mounts: config.mounts.map((m) => m.destination),
    Names: [record.name],
    Namespaces: {},
    Networks: [],
    Pid: state.status === 'running' || state.status === 'paused' ? state.pid : 0,
    Pod: config.pod ?? '',
    PodName: '',
    Ports: null,
    StartedAt: seconds(state.startedAt),
    State: state.status,
    Status: '',
    Restarts: state.restartCount,
  };
}

type Predicate = (record: ContainerRecord) => boolean;

function matchesLabel(labels: Record<string, string>, wanted: string): boolean {
  const eq = wanted.indexOf('=');
  if (eq < 0) return Object.prototype.hasOwnProperty.call(labels, wanted);
  return labels[wanted.slice(0, eq)] === wanted.slice(eq + 1);
}

const STATUS_ALIASES: Record<string, string[]> = {
  created: ['created', 'initialized'],
  running: ['running'],
  paused: ['paused'],
  exited: ['exited'],
  stopped: ['exited'],
  stopping: ['stopping'],
  removing: ['removing'],
  configured: ['created'],
  unknown: [],
};

function filterPredicate(filter: string, all: ContainerRecord[]): Predicate {
  const eq = filter.indexOf('=');
  if (eq < 0) throw new ContainerFilterError(`invalid filter "${filter}": use KEY=VALUE`);
  const key = filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  const byRef = (ref: string) => all.find((r) => r.id === ref || r.name === ref || r.id.startsWith(ref));
  switch (key) {
    case 'id':
      return (r) => r.id.startsWith(value);
    case 'name':
      return (r) => new RegExp(value).test(r.name);
    case 'label':
      return (r) => matchesLabel(r.config.labels, value);
    case 'label!':
      return (r) => !matchesLabel(r.config.labels, value);
    case 'status': {
      const statuses = STATUS_ALIASES[value];
      if (!statuses)
        throw new ContainerFilterError(
          `invalid status filter "${value}": use ${Object.keys(STATUS_ALIASES).join(', ')}`,
        );
      return (r) => statuses.includes(r.state.status);
    }
    case 'exited': {
      const code = Number(value);
      return (r) => r.state.status === 'exited' && r.state.exitCode === code;
    }
    case 'ancestor':
      return (r) =>
        r.imageId.startsWith(value) ||
        r.config.imageName === value ||
        r.config.imageName.endsWith(`/${value}`) ||
        r.config.imageName.endsWith(`/${value}:latest`);
    case 'before': {
      const ref = byRef(value);
      if (!ref)
        throw new ContainerFilterError(`no container with name or ID "${value}" found: no such container`);
      return (r) => r.createdAt < ref.createdAt;
    }
    case 'since': {
      const ref = byRef(value);
      if (!ref)
        throw new ContainerFilterError(`no container with name or ID "${value}" found: no such container`);
      return (r) => r.createdAt > ref.createdAt;
    }
    case 'volume':
      return (r) =>
        r.config.mounts.some(
          (m) =>
            m.destination === value ||
            (m.type === 'volume' && m.name === value) ||
            (m.type === 'bind' && m.source === value),
        );
    case 'pod':
      return (r) => r.config.pod === value;
    case 'restart-policy':
      return (r) => r.config.restartPolicy.name === value;
    default:
      throw new ContainerFilterError(
        `invalid filter "${key}": use id, name, label, status, exited, ancestor, before, since, volume, pod or restart-policy`,
      );
  }
}

export interface ListOptions {
  /** Include containers that are not running (ps -a). */
  all?: boolean;
  filters?: readonly string[];
}

/** Containers oldest first, synced with their exit files. */
export async function listContainers(store: Store, options: ListOptions = {}): Promise<ContainerRecord[]> {
  const records = await syncContainers(store, listContainerRecords(store.db));
  // podman: filters with the same key are ORed, different keys ANDed.
  const byKey = new Map<string, Predicate[]>();
  for (const filter of options.filters ?? []) {
    const key = filter.slice(0, Math.max(filter.indexOf('='), 0));
    // pods: pod=NAME|ID|prefix names the pod by its ID (engine/src/pod)
    const resolved =
      key === 'pod' ? `pod=${findPod(store.db, filter.slice(4))?.id ?? filter.slice(4)}` : filter;
    byKey.set(key, [...(byKey.get(key) ?? []), filterPredicate(resolved, records)]);
  }
  const hasStatusFilter = byKey.has('status') || byKey.has('exited');
  return records.filter((r) => {
    if (
      !options.all &&
      !hasStatusFilter &&
      r.state.status !== 'running' &&
      r.state.status !== 'paused' &&
      r.state.status !== 'stopping'
    )
      return false;
    for (const predicates of byKey.values()) if (!predicates.some((p) => p(r))) return false;
    return true;
  });
}
