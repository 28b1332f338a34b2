// The containers domain over the Docker API: list, inspect, create, the lifecycle verbs (each
// answering the container's summary afterwards, as LocalEngine does), rename, prune, top; logs
// and stats as streams. Terminals live in remote-terminals.ts.
import type { DomainCalls, EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type {
  ContainerLogLine,
  ContainerStatsSample,
  ContainerSummary,
} from '../contract/container-types.js';
import { EngineError } from '../service/engine-error.js';
import { dockerCreateBody } from './container-create-spec.js';
import { demultiplex, logLines } from './docker-stream.js';
import { containerInspectFromDocker, containerSummaryFromDocker } from './docker-shapes.js';
import { jsonLines } from './api-transport.js';
import { DOCKER, dockerFilterParam, enc, type RemoteContext } from './remote-context.js';

type ContainerCalls = DomainCalls<'containers'>;
type ContainerStreams = Pick<EngineStreams, 'containers.logs' | 'containers.stats'>;

type Json = Record<string, unknown>;

export function remoteContainerCalls({ api }: RemoteContext): ContainerCalls {
  const inspectRaw = (container: string) =>
    api.json<Json>('GET', `${DOCKER}/containers/${enc(container)}/json`);
  /** The summary of one container, from the list (the only place Docker gives its status line). */
  const summary = async (container: string): Promise<ContainerSummary> => {
    const id = String((await inspectRaw(container)).Id);
    const list = await api.json<Json[]>('GET', `${DOCKER}/containers/json`, {
      query: { all: true, filters: JSON.stringify({ id: [id] }) },
    });
    const found = list.find((c) => c.Id === id);
    if (!found)
      throw new EngineError(
        `no container with name or ID "${container}" found: list them with ps -a`,
        'not-found',
      );
    return containerSummaryFromDocker(found);
  };
  const verb = async (
    container: string,
    action: string,
    query?: Record<string, string | number | undefined>,
  ) => {
    await api.request('POST', `${DOCKER}/containers/${enc(container)}/${action}`, { query });
    return summary(container);
  };
  return {
    'containers.list': async ({ all, filters }) =>
      (
        await api.json<Json[]>('GET', `${DOCKER}/containers/json`, {
          query: { all, filters: dockerFilterParam(filters) },
        })
      ).map(containerSummaryFromDocker),
    'containers.inspect': async ({ container }) => containerInspectFromDocker(await inspectRaw(container)),
    'containers.create': async (input) => {
      const created = await api.json<{ Id: string }>('POST', `${DOCKER}/containers/create`, {
        query: { name: input.name },
        json: dockerCreateBody(input),
      });
      if (input.start) await api.request('POST', `${DOCKER}/containers/${created.Id}/start`);
      return summary(created.Id);
    },
    'containers.start': ({ container }) => verb(container, 'start'),
    'containers.stop': ({ container, timeout }) => verb(container, 'stop', { t: timeout }),
    'containers.restart': ({ container, timeout }) => verb(container, 'restart', { t: timeout }),
    'containers.kill': ({ container, signal }) => verb(container, 'kill', { signal }),
    'containers.pause': ({ container }) => verb(container, 'pause'),
    'containers.unpause': ({ container }) => verb(container, 'unpause'),
    'containers.remove': async ({ container, force, volumes }) => {
      const id = String((await inspectRaw(container)).Id);
      await api.request('DELETE', `${DOCKER}/containers/${id}`, { query: { force, v: volumes } });
      return { id };
    },
    'containers.rename': ({ container, name }) => verb(container, 'rename', { name }),
    'containers.prune': async ({ filters }) => {
      const report = await api.json<{ ContainersDeleted: string[] | null }>(
        'POST',
        `${DOCKER}/containers/prune`,
        {
          query: { filters: dockerFilterParam(filters) },
        },
      );
      return { removed: report.ContainersDeleted ?? [], errors: [] };
    },
    'containers.top': async ({ container, args }) => {
      const top = await api.json<{ Titles: string[]; Processes: string[][] | null }>(
        'GET',
        `${DOCKER}/containers/${enc(container)}/top`,
        { query: { ps_args: args.length > 0 ? args.join(' ') : undefined } },
      );
      return { rows: [top.Titles, ...(top.Processes ?? [])] };
    },
  };
}

/** The contract's `since` (RFC 3339 or Unix seconds) as Docker's Unix seconds. */
function unixSince(since: string | undefined): string | undefined {
  if (since === undefined || since === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(since)) return since;
  const ms = Date.parse(since);
  if (Number.isNaN(ms))
    throw new EngineError(`invalid since "${since}": use RFC 3339 or Unix seconds`, 'invalid-input');
  return (ms / 1000).toFixed(3);
}

async function* logs(
  { api }: RemoteContext,
  input: StreamParams<'containers.logs'>,
  signal: AbortSignal,
): AsyncGenerator<ContainerLogLine> {
  const container = await api.json<Json>('GET', `${DOCKER}/containers/${enc(input.container)}/json`);
  const tty = Boolean((container.Config as Json | undefined)?.Tty);
  const path = `${DOCKER}/containers/${enc(input.container)}/logs`;
  const res = await api.check(
    'GET',
    path,
    await api.open('GET', path, {
      signal,
      query: {
        stdout: true,
        stderr: true,
        timestamps: true,
        follow: input.follow,
        tail: input.tail < 0 ? 'all' : input.tail,
        since: unixSince(input.since),
      },
    }),
  );
  try {
    yield* logLines(demultiplex(res as AsyncIterable<Buffer>, !tty));
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    res.destroy();
  }
}

/** Docker's stats sample in the contract's shape; CPU from the delta Docker ships in each sample. */
function statsSample(s: Json): ContainerStatsSample {
  const cpu = (s.cpu_stats ?? {}) as Json;
  const pre = (s.precpu_stats ?? {}) as Json;
  const usage = (x: Json) => Number((x.cpu_usage as Json | undefined)?.total_usage ?? 0);
  const cpuDelta = usage(cpu) - usage(pre);
  const systemDelta = Number(cpu.system_cpu_usage ?? 0) - Number(pre.system_cpu_usage ?? 0);
  const cpus = Number(cpu.online_cpus ?? 1) || 1;
  const memory = (s.memory_stats ?? {}) as Json;
  const memUsage = Number(memory.usage ?? 0);
  const memLimit = Number(memory.limit ?? 0);
  let netInput = 0;
  let netOutput = 0;
  for (const net of Object.values((s.networks ?? {}) as Record<string, Json>)) {
    netInput += Number(net.rx_bytes ?? 0);
    netOutput += Number(net.tx_bytes ?? 0);
  }
  let blockInput = 0;
  let blockOutput = 0;
  const io = ((s.blkio_stats as Json | undefined)?.io_service_bytes_recursive ?? []) as Json[] | null;
  for (const entry of io ?? []) {
    if (String(entry.op).toLowerCase() === 'read') blockInput += Number(entry.value ?? 0);
    if (String(entry.op).toLowerCase() === 'write') blockOutput += Number(entry.value ?? 0);
  }
  const cpuPercent = systemDelta > 0 && cpuDelta >= 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  return {
    id: String(s.id ?? ''),
    name: String(s.name ?? '').replace(/^\//, ''),
    systemNano: Date.parse(String(s.read ?? '')) * 1e6 || Date.now() * 1e6,
    cpuPercent,
    avgCpuPercent: cpuPercent,
    memUsage,
    memLimit,
    memPercent: memLimit > 0 ? (memUsage / memLimit) * 100 : 0,
    netInput,
    netOutput,
    blockInput,
    blockOutput,
    pids: Number((s.pids_stats as Json | undefined)?.current ?? 0),
  };
}

async function* stats(
  { api }: RemoteContext,
  input: StreamParams<'containers.stats'>,
  signal: AbortSignal,
): AsyncGenerator<ContainerStatsSample> {
  const path = `${DOCKER}/containers/${enc(input.container)}/stats`;
  const res = await api.check('GET', path, await api.open('GET', path, { signal, query: { stream: true } }));
  let last = 0;
  try {
    // Services sample about once a second; the client's interval keeps one in so many.
    for await (const sample of jsonLines<Json>(res)) {
      const now = Date.now();
      if (last !== 0 && now - last < input.intervalMs - 100) continue;
      last = now;
      yield statsSample(sample);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    res.destroy();
  }
}

export function remoteContainerStreams(ctx: RemoteContext): ContainerStreams {
  return {
    'containers.logs': (input, { signal }) => logs(ctx, input, signal),
    'containers.stats': (input, { signal }) => stats(ctx, input, signal),
  };
}
