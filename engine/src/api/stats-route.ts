// `GET /containers/{id}/stats`: samples from the container domain (cgroup counters, the ones
// `berth stats` shows) in Docker's shape, one JSON object per second while streaming, or one
// (with `precpu_stats` from a short first interval) when `stream=false`. Docker clients compute
// CPU% as cpu delta / system delta x online CPUs; reporting the system counter as wall time x CPUs
// makes that come out as the engine's own percentage.
import os from 'node:os';
import { requireContainer } from '../container/container-lookup.js';
import { sampleContainerStats, type ContainerStats } from '../container/container-stats.js';
import { queryFlag, type Exchange, type Route } from './api-context.js';
import { drainedOrClosed } from './stream-framing.js';

const INTERVAL_MS = 1000;
/** A one-shot sample still needs a previous one for the CPU delta. */
const ONE_SHOT_PRIMING_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuStats(sample: ContainerStats | undefined, cpus: number): Record<string, unknown> {
  return {
    cpu_usage: { total_usage: sample?.cpuNano ?? 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    system_cpu_usage: sample ? sample.systemNano * cpus : 0,
    online_cpus: cpus,
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

function dockerStats(sample: ContainerStats, previous: ContainerStats | undefined): Record<string, unknown> {
  const cpus = os.availableParallelism();
  return {
    name: `/${sample.name}`,
    id: sample.id,
    read: new Date(sample.systemNano / 1e6).toISOString(),
    preread: previous ? new Date(previous.systemNano / 1e6).toISOString() : '0001-01-01T00:00:00Z',
    pids_stats: { current: sample.pids },
    blkio_stats: {
      io_service_bytes_recursive: [
        { major: 0, minor: 0, op: 'read', value: sample.blockInput },
        { major: 0, minor: 0, op: 'write', value: sample.blockOutput },
      ],
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpuStats(sample, cpus),
    precpu_stats: cpuStats(previous, cpus),
    memory_stats: { usage: sample.memUsage, limit: sample.memLimit, stats: {} },
    networks: {
      eth0: {
        rx_bytes: sample.netInput,
        tx_bytes: sample.netOutput,
        rx_packets: 0,
        tx_packets: 0,
        rx_errors: 0,
        tx_errors: 0,
        rx_dropped: 0,
        tx_dropped: 0,
      },
    },
  };
}

async function stats(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const id = requireContainer(store.db, x.params.id!).id;
  const stream = queryFlag(x.query, 'stream', true) && !queryFlag(x.query, 'one-shot');
  const sample = async (previous?: ContainerStats) =>
    sampleContainerStats(store, requireContainer(store.db, id), previous);
  let previous = await sample();
  if (!stream) {
    await sleep(ONE_SHOT_PRIMING_MS);
    const current = await sample(previous);
    const body = JSON.stringify(dockerStats(current, previous));
    x.res.writeHead(200, { 'Content-Type': 'application/json' });
    x.res.end(body);
    return;
  }
  x.res.writeHead(200, { 'Content-Type': 'application/json' });
  x.res.write(`${JSON.stringify(dockerStats(previous, undefined))}\n`);
  while (!x.signal.aborted) {
    await sleep(INTERVAL_MS);
    if (x.signal.aborted) break;
    const current = await sample(previous);
    if (!x.res.write(`${JSON.stringify(dockerStats(current, previous))}\n`)) await drainedOrClosed(x.res);
    previous = current;
  }
  x.res.end();
}

export const STATS_ROUTES: Route[] = [{ method: 'GET', path: '/containers/{id}/stats', handle: stats }];
