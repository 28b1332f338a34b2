// The pods domain of the contract on a local store: the pod domain's functions (the same ones the
// CLI uses), their answers in podman's `pod ps` shape, their errors mapped to the contract's codes;
// and the merged logs of a pod's containers.
import type { DomainCalls, DomainStreams, StreamParams } from '../contract/engine-contract.js';
import type { PodInspect, PodLogLine, PodSummary } from '../contract/pod-types.js';
import type { ContainerRecord } from '../container/container-records.js';
import { AsyncQueue } from '../contract/async-queue.js';
import { parseInputTime } from '../events/event-time.js';
import { createPod } from '../pod/pod-create.js';
import { inspectPod, podView, type PodView } from '../pod/pod-inspect.js';
import {
  killPod,
  pausePod,
  podContainers,
  PodRunningError,
  removePod,
  restartPod,
  startPod,
  stopPod,
} from '../pod/pod-lifecycle.js';
import { findPod, NoSuchPodError, PodError, requirePod } from '../pod/pod-lookup.js';
import { listPodRecords, PodNameInUseError, type PodRecord } from '../pod/pod-records.js';
import { EngineError, type WireErrorCode } from '../service/engine-error.js';
import type { Store } from '../state/store.js';
import { containerErrorCode, containerLogs, containerSummary } from './container-handlers.js';

type PodCalls = DomainCalls<'pods'>;
type PodStreams = DomainStreams<'pods'>;

export function podErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof NoSuchPodError) return 'not-found';
  if (error instanceof PodRunningError || error instanceof PodNameInUseError) return 'conflict';
  if (error instanceof PodError) return 'engine';
  // A pod verb fails with its containers' errors (a port in use, a runtime failure...).
  return containerErrorCode(error);
}

/** podman's `pod ps --format json` for one pod, with the ports of its infra container. */
export function podSummary(view: PodView): PodSummary {
  const { pod, containers } = view;
  const infra = containers.find((c) => c.id === pod.infraId);
  return {
    Id: pod.id,
    Name: pod.name,
    Status: view.status,
    Created: pod.createdAt,
    InfraId: pod.infraId,
    Labels: pod.config.labels,
    Networks: pod.config.infra && pod.config.networkMode === 'bridge' ? ['podman'] : [],
    Containers: containers.map((c) => ({ Id: c.id, Names: c.name, Status: c.state.status })),
    Ports: infra ? containerSummary(infra).Ports : null,
  };
}

export function podCalls(store: () => Store): PodCalls {
  const summaryOf = async (pod: PodRecord | Promise<PodRecord>) => {
    const s = store();
    return podSummary(await podView(s, await pod));
  };
  return {
    'pods.list': async ({ pods }) => {
      const s = store();
      const records =
        pods === undefined
          ? listPodRecords(s.db)
          : pods.map((p) => findPod(s.db, p)).filter((p): p is PodRecord => p !== undefined);
      const summaries: PodSummary[] = [];
      for (const pod of records) summaries.push(podSummary(await podView(s, pod)));
      return summaries.sort((a, b) => b.Created.localeCompare(a.Created) || a.Name.localeCompare(b.Name));
    },
    'pods.inspect': async ({ pod }) => {
      const s = store();
      return inspectPod(s, await podView(s, requirePod(s.db, pod))) as PodInspect;
    },
    'pods.create': async ({ name, ports, labels }) =>
      summaryOf(createPod(store(), { name, publish: ports, labels })),
    'pods.start': ({ pod }) => summaryOf(startPod(store(), pod)),
    'pods.stop': ({ pod, timeout }) => summaryOf(stopPod(store(), pod, timeout)),
    'pods.restart': ({ pod, timeout }) => summaryOf(restartPod(store(), pod, timeout)),
    'pods.pause': ({ pod }) => summaryOf(pausePod(store(), pod, true)),
    'pods.unpause': ({ pod }) => summaryOf(pausePod(store(), pod, false)),
    'pods.kill': ({ pod, signal }) => summaryOf(killPod(store(), pod, signal.replace(/^SIG/, ''))),
    'pods.remove': async ({ pod, force }) => ({ id: (await removePod(store(), pod, { force })).id }),
  };
}

const timeOf = (time: string): bigint => parseInputTime(time, true);

function tagged(line: Omit<PodLogLine, 'containerId' | 'containerName'>, c: ContainerRecord): PodLogLine {
  return { ...line, containerId: c.id, containerName: c.name };
}

/**
 * The pod's log: first the tail of each member, merged in time order; then, with `follow`, each
 * member followed from its last line shown, lines interleaved as they arrive. Following ends
 * when every followed member has exited (as `pod logs -f`) or the client cancels.
 */
async function* podLogs(
  store: Store,
  input: StreamParams<'pods.logs'>,
  signal: AbortSignal,
): AsyncGenerator<PodLogLine> {
  const pod = requirePod(store.db, input.pod);
  let members = (await podContainers(store, pod)).filter((c) => c.id !== pod.infraId);
  if (input.container !== undefined) {
    const only = input.container;
    members = members.filter((c) => c.name === only || c.id.startsWith(only));
    if (members.length === 0)
      throw new EngineError(`container ${only} is not in pod ${pod.name}`, 'not-found');
  }
  const readAt = new Date().toISOString();
  const tails = await Promise.all(
    members.map(async (c) => {
      const lines: PodLogLine[] = [];
      for await (const line of containerLogs(
        store,
        { container: c.id, tail: input.tail, follow: false },
        signal,
      ))
        lines.push(tagged(line, c));
      return lines;
    }),
  );
  // By time (conmon's RFC 3339 drops trailing zeros, so not as text); stable per container.
  const at = new Map<PodLogLine, bigint>();
  for (const line of tails.flat()) at.set(line, timeOf(line.time));
  yield* [...at.keys()].sort((a, b) => (at.get(a)! < at.get(b)! ? -1 : at.get(a)! > at.get(b)! ? 1 : 0));
  if (!input.follow || signal.aborted) return;
  const queue = new AsyncQueue<PodLogLine>();
  let following = members.length;
  const follow = async (c: ContainerRecord, last: PodLogLine | undefined) => {
    // `since` is inclusive: skip what was already sent, up to the last line itself.
    const lastAt = last ? timeOf(last.time) : undefined;
    let skipping = last !== undefined;
    for await (const line of containerLogs(
      store,
      { container: c.id, tail: -1, since: last?.time ?? readAt, follow: true },
      signal,
    )) {
      if (skipping && lastAt !== undefined) {
        const lineAt = timeOf(line.time);
        if (lineAt < lastAt) continue;
        if (lineAt === lastAt) {
          if (line.text === last!.text) skipping = false;
          continue;
        }
        skipping = false;
      }
      queue.push(tagged(line, c));
    }
  };
  members.forEach((c, i) => {
    follow(c, tails[i]!.at(-1)).then(
      () => {
        if (--following === 0) queue.end();
      },
      (error: unknown) => queue.end(error),
    );
  });
  if (members.length === 0) return;
  const stop = () => queue.end();
  signal.addEventListener('abort', stop, { once: true });
  try {
    yield* queue;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

export function podStreams(store: () => Store): PodStreams {
  return {
    'pods.logs': (input, { signal }) => podLogs(store(), input, signal),
  };
}
