// The pods domain over podman's libpod routes (Berth's service and podman's have them; dockerd
// does not, and says so with a 404 that becomes "pods need a Berth or podman service"). The
// merged pod log is the members' container logs, interleaved as they arrive.
import type { DomainCalls, DomainStreams, StreamParams } from '../contract/engine-contract.js';
import type { PodInspect, PodLogLine, PodSummary } from '../contract/pod-types.js';
import { AsyncQueue } from '../contract/async-queue.js';
import { EngineError } from '../service/engine-error.js';
import { LIBPOD, enc, type RemoteContext } from './remote-context.js';
import { remoteContainerStreams } from './remote-containers.js';

type PodCalls = DomainCalls<'pods'>;
type PodStreams = DomainStreams<'pods'>;
type Json = Record<string, unknown>;

/** podman's ListPodsReport as the contract's summary (the list does not carry ports). */
function podSummaryFrom(p: Json): PodSummary {
  return {
    Id: String(p.Id ?? ''),
    Name: String(p.Name ?? ''),
    Status: String(p.Status ?? ''),
    Created: String(p.Created ?? ''),
    InfraId: String(p.InfraId ?? ''),
    Labels: (p.Labels as Record<string, string> | null) ?? {},
    Networks: Array.isArray(p.Networks) ? p.Networks.map(String) : [],
    Containers: Array.isArray(p.Containers)
      ? (p.Containers as Json[]).map((c) => ({
          Id: String(c.Id),
          Names: String(c.Names),
          Status: String(c.Status),
        }))
      : [],
    Ports: (p.Ports as PodSummary['Ports']) ?? null,
  };
}

/** A 404 from a service without libpod routes says what is missing rather than "page not found". */
async function libpod<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof EngineError &&
      error.wireCode === 'not-found' &&
      /page not found|not a route/i.test(error.message)
    )
      throw new EngineError(
        `pods need podman's libpod API, which this service does not have (a Docker daemon?): connect to a Berth or podman service`,
        'engine',
        { cause: error },
      );
    throw error;
  }
}

function toPortMapping(spec: string): Json {
  const [main = '', protocol = 'tcp'] = spec.split('/');
  const ip = /^(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):/.exec(main);
  const parts = (ip ? main.slice(ip[0].length) : main).split(':');
  const [cStart = 0, cEnd = cStart] = parts.at(-1)!.split('-').map(Number);
  const host = parts.length > 1 && parts[0] ? Number(parts[0].split('-')[0]) : 0;
  return {
    container_port: cStart,
    host_port: host,
    host_ip: ip ? ip[1]!.replace(/^\[|\]$/g, '') : '',
    protocol,
    range: cEnd - cStart + 1,
  };
}

export function remotePodCalls({ api }: RemoteContext): PodCalls {
  const list = async () =>
    ((await api.json<Json[] | null>('GET', `${LIBPOD}/pods/json`)) ?? []).map(podSummaryFrom);
  const summary = async (pod: string): Promise<PodSummary> => {
    const inspect = await api.json<Json>('GET', `${LIBPOD}/pods/${enc(pod)}/json`);
    const found = (await list()).find((p) => p.Id === inspect.Id);
    if (!found)
      throw new EngineError(`no pod with name or ID ${pod} found: list them with pod ps`, 'not-found');
    return found;
  };
  const verb = (pod: string, action: string, query?: Record<string, string | number | undefined>) =>
    libpod(async () => {
      await api.request('POST', `${LIBPOD}/pods/${enc(pod)}/${action}`, { query });
      return summary(pod);
    });
  return {
    'pods.list': ({ pods }) =>
      libpod(async () => {
        const all = await list();
        return pods === undefined
          ? all
          : all.filter((p) => pods.some((ref) => p.Name === ref || p.Id.startsWith(ref)));
      }),
    'pods.inspect': ({ pod }) => libpod(() => api.json<PodInspect>('GET', `${LIBPOD}/pods/${enc(pod)}/json`)),
    'pods.create': ({ name, ports, labels }) =>
      libpod(async () => {
        const created = await api.json<{ Id: string }>('POST', `${LIBPOD}/pods/create`, {
          json: { ...(name ? { name } : {}), labels, portmappings: ports.map(toPortMapping) },
        });
        return summary(created.Id);
      }),
    'pods.start': ({ pod }) => verb(pod, 'start'),
    'pods.stop': ({ pod, timeout }) => verb(pod, 'stop', { t: timeout }),
    'pods.restart': ({ pod }) => verb(pod, 'restart'),
    'pods.pause': ({ pod }) => verb(pod, 'pause'),
    'pods.unpause': ({ pod }) => verb(pod, 'unpause'),
    'pods.kill': ({ pod, signal }) => verb(pod, 'kill', { signal }),
    'pods.remove': ({ pod, force }) =>
      libpod(async () => {
        const inspect = await api.json<{ Id: string }>('GET', `${LIBPOD}/pods/${enc(pod)}/json`);
        await api.request('DELETE', `${LIBPOD}/pods/${enc(pod)}`, { query: { force } });
        return { id: inspect.Id };
      }),
  };
}

async function* podLogs(
  ctx: RemoteContext,
  input: StreamParams<'pods.logs'>,
  signal: AbortSignal,
): AsyncGenerator<PodLogLine> {
  const pod = await libpod(() => ctx.api.json<PodInspect>('GET', `${LIBPOD}/pods/${enc(input.pod)}/json`));
  let members = (pod.Containers ?? []).filter((c) => c.Id !== pod.InfraContainerID);
  if (input.container !== undefined) {
    const only = input.container;
    members = members.filter((c) => c.Name === only || c.Id.startsWith(only));
    if (members.length === 0)
      throw new EngineError(`container ${only} is not in pod ${pod.Name}`, 'not-found');
  }
  if (members.length === 0) return;
  const logs = remoteContainerStreams(ctx)['containers.logs'];
  const queue = new AsyncQueue<PodLogLine>();
  let open = members.length;
  for (const member of members) {
    void (async () => {
      const lines = logs(
        { container: member.Id, tail: input.tail, follow: input.follow },
        { signal, incoming: new AsyncQueue<never>() },
      );
      for await (const line of lines)
        queue.push({ ...line, containerId: member.Id, containerName: member.Name });
    })().then(
      () => {
        if (--open === 0) queue.end();
      },
      (error: unknown) => queue.end(signal.aborted ? undefined : error),
    );
  }
  const stop = () => queue.end();
  signal.addEventListener('abort', stop, { once: true });
  try {
    yield* queue;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

export function remotePodStreams(ctx: RemoteContext): PodStreams {
  return { 'pods.logs': (input, { signal }) => podLogs(ctx, input, signal) };
}
