// The pod verbs: each works on the pod's containers (the infra first at start, last at stop) under
// the pod's object lock, so two processes never interleave on one pod; each container step takes
// the container's own lock as any container command does.
import { listContainers } from '../container/container-list.js';
import {
  killContainer,
  pauseContainer,
  removeContainer,
  startContainer,
  stopContainer,
} from '../container/container-lifecycle.js';
import type { ContainerRecord } from '../container/container-records.js';
import { withLock } from '../state/object-lock.js';
import type { Store } from '../state/store.js';
import { podEvent } from './pod-events.js';
import { PodError, requirePod } from './pod-lookup.js';
import { deletePodRecord, type PodRecord } from './pod-records.js';

const ACTIVE = new Set(['running', 'paused', 'stopping']);

export function withPodLock<T>(store: Store, id: string, work: () => Promise<T> | T): Promise<T> {
  return withLock(store.db, `pod:${id}`, work);
}

/** The pod's containers (infra included), synced with their exit files, oldest first. */
export async function podContainers(store: Store, pod: PodRecord): Promise<ContainerRecord[]> {
  return listContainers(store, { all: true, filters: [`pod=${pod.id}`] });
}

/** podman's pod status, derived from its containers' (the infra's included). */
export function podStatus(containers: readonly ContainerRecord[]): string {
  const total = containers.length;
  if (total === 0) return 'Created';
  const count = (statuses: string[]) => containers.filter((c) => statuses.includes(c.state.status)).length;
  const running = count(['running', 'stopping']);
  const paused = count(['paused']);
  const stopped = count(['exited', 'stopped']);
  const created = count(['created', 'configured', 'initialized']);
  if (running === total) return 'Running';
  if (running > 0) return 'Degraded';
  if (paused === total) return 'Paused';
  if (stopped === total) return 'Exited';
  if (stopped > 0) return 'Stopped';
  if (created === total) return 'Created';
  return 'Error';
}

/** Runs `work` on each container at once; the first failure is thrown once all have settled. */
async function onEach(
  containers: readonly ContainerRecord[],
  work: (c: ContainerRecord) => Promise<unknown>,
): Promise<void> {
  const results = await Promise.allSettled(containers.map(work));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function split(pod: PodRecord, containers: readonly ContainerRecord[]) {
  return {
    infra: containers.find((c) => c.id === pod.infraId),
    members: containers.filter((c) => c.id !== pod.infraId),
  };
}

export async function startPod(store: Store, input: string): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  await withPodLock(store, pod.id, async () => {
    const { infra, members } = split(pod, await podContainers(store, pod));
    if (infra) await startContainer(store, infra.id);
    await onEach(members, async (c) => {
      try {
        await startContainer(store, c.id);
      } catch (error) {
        throw new PodError(`starting container ${c.id} of pod ${pod.name}: ${(error as Error).message}`);
      }
    });
    podEvent(store, 'start', pod);
  });
  return pod;
}

export async function stopPod(store: Store, input: string, timeout?: number): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  await withPodLock(store, pod.id, async () => {
    const { infra, members } = split(pod, await podContainers(store, pod));
    // The infra stops alongside its members rather than after them: the namespaces it holds stay
    // alive for as long as a member uses them, and the pod's stop takes one stop's time, not two.
    await onEach(infra ? [...members, infra] : members, (c) => stopContainer(store, c.id, { timeout }));
    podEvent(store, 'stop', pod);
  });
  return pod;
}

export async function restartPod(store: Store, input: string, timeout?: number): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  // stopPod and startPod each take the pod's lock (object locks do not nest).
  await stopPod(store, pod.id, timeout);
  await startPod(store, pod.id);
  podEvent(store, 'restart', pod);
  return pod;
}

export async function killPod(store: Store, input: string, signal = 'KILL'): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  await withPodLock(store, pod.id, async () => {
    const active = (await podContainers(store, pod)).filter((c) => ACTIVE.has(c.state.status));
    if (active.length === 0)
      throw new PodError(
        `pod ${pod.name} has no running containers to signal: start it first (berth pod start ${pod.name})`,
      );
    await onEach(active, (c) => killContainer(store, c.id, signal));
    podEvent(store, 'kill', pod);
  });
  return pod;
}

export async function pausePod(store: Store, input: string, pause: boolean): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  await withPodLock(store, pod.id, async () => {
    const want = pause ? 'running' : 'paused';
    const targets = (await podContainers(store, pod)).filter((c) => c.state.status === want);
    if (targets.length === 0)
      throw new PodError(
        pause
          ? `pod ${pod.name} has no running containers to pause: start it first (berth pod start ${pod.name})`
          : `pod ${pod.name} has no paused containers to unpause`,
      );
    await onEach(targets, (c) => pauseContainer(store, c.id, pause));
    podEvent(store, pause ? 'pause' : 'unpause', pod);
  });
  return pod;
}

export class PodRunningError extends PodError {
  constructor(message: string) {
    // podman's pod rm exits 2 for a running or paused pod without --force.
    super(message, 2);
  }
}

export interface RemovePodOptions {
  force?: boolean;
  /** Seconds to wait for running containers to stop (--force); their own timeout when undefined. */
  timeout?: number;
}

/** Removes the pod, its members and its infra container. */
export async function removePod(
  store: Store,
  input: string,
  options: RemovePodOptions = {},
): Promise<PodRecord> {
  const pod = requirePod(store.db, input);
  await withPodLock(store, pod.id, async () => {
    const containers = await podContainers(store, pod);
    const { infra, members } = split(pod, containers);
    const running = containers.filter((c) => ACTIVE.has(c.state.status) && c.id !== pod.infraId);
    if (!options.force && (running.length > 0 || (infra && ACTIVE.has(infra.state.status))))
      throw new PodRunningError(
        `pod ${pod.name} has running containers (${running.map((c) => c.name).join(', ') || 'its infra container'}): stop it first (berth pod stop ${pod.name}) or remove it with -f`,
      );
    if (options.force && options.timeout !== undefined)
      await onEach(running, (c) => stopContainer(store, c.id, { timeout: options.timeout }));
    // All at once: the members no longer need the infra's namespaces once they are being removed.
    await onEach(infra ? [...members, infra] : members, (c) =>
      removeContainer(store, c.id, { force: true, volumes: c.id !== pod.infraId, byPod: true }),
    );
    deletePodRecord(store.db, pod.id);
    podEvent(store, 'remove', pod);
  });
  return pod;
}
