// `stats`: a container's resource use from its cgroups (v1 controllers, v2 unified files, or
// both on a hybrid host) plus its network namespace's /proc/net/dev, in podman's terms: CPU % is
// the CPU time used since the previous sample over the wall time since then (since the start for
// the first sample), AVG CPU % over the container's whole run. A stopped container reads as zeros.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Store } from '../state/store.js';
import { containerCgroups, readCgroupFile, type ContainerCgroups } from './container-cgroups.js';
import type { ContainerRecord } from './container-records.js';
import { syncContainer } from './container-sync.js';

export interface ContainerStats {
  id: string;
  name: string;
  /** CPU time used, nanoseconds. */
  cpuNano: number;
  /** When this sample was taken, Unix nanoseconds. */
  systemNano: number;
  cpuPercent: number;
  avgCpuPercent: number;
  memUsage: number;
  memLimit: number;
  memPercent: number;
  netInput: number;
  netOutput: number;
  blockInput: number;
  blockOutput: number;
  pids: number;
}

export interface StatsSample {
  cpuNano: number;
  systemNano: number;
}

function toNumber(text: string | undefined): number {
  const value = Number((text ?? '').trim());
  return Number.isFinite(value) ? value : 0;
}

function keyed(text: string | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined) values.set(key, Number(value));
  }
  return values;
}

function cpuNanos(cgroups: ContainerCgroups): number {
  const v1 = readCgroupFile(cgroups.v1.get('cpuacct'), 'cpuacct.usage');
  if (v1 !== undefined) return toNumber(v1);
  return (keyed(readCgroupFile(cgroups.v2, 'cpu.stat')).get('usage_usec') ?? 0) * 1000;
}

function memory(cgroups: ContainerCgroups): { usage: number; limit: number } {
  const host = os.totalmem();
  const dir = cgroups.v1.get('memory');
  const usage = readCgroupFile(dir, 'memory.usage_in_bytes');
  if (usage !== undefined) {
    const limit = toNumber(readCgroupFile(dir, 'memory.limit_in_bytes'));
    return { usage: toNumber(usage), limit: limit > 0 && limit < host ? limit : host };
  }
  const current = readCgroupFile(cgroups.v2, 'memory.current');
  const max = readCgroupFile(cgroups.v2, 'memory.max')?.trim();
  const limit = max && max !== 'max' ? Number(max) : host;
  return { usage: toNumber(current), limit: limit < host ? limit : host };
}

function blockIo(cgroups: ContainerCgroups): { read: number; write: number } {
  let read = 0;
  let write = 0;
  const dir = cgroups.v1.get('blkio');
  const v1 =
    readCgroupFile(dir, 'blkio.throttle.io_service_bytes_recursive') ??
    readCgroupFile(dir, 'blkio.io_service_bytes_recursive');
  if (v1 !== undefined) {
    for (const line of v1.split('\n')) {
      const [, op, bytes] = line.trim().split(/\s+/);
      if (op === 'Read') read += Number(bytes);
      else if (op === 'Write') write += Number(bytes);
    }
    return { read, write };
  }
  for (const line of (readCgroupFile(cgroups.v2, 'io.stat') ?? '').split('\n')) {
    for (const field of line.trim().split(/\s+/).slice(1)) {
      const [key, value] = field.split('=');
      if (key === 'rbytes') read += Number(value);
      else if (key === 'wbytes') write += Number(value);
    }
  }
  return { read, write };
}

function pidCount(cgroups: ContainerCgroups): number {
  const v1 = readCgroupFile(cgroups.v1.get('pids'), 'pids.current');
  return toNumber(v1 ?? readCgroupFile(cgroups.v2, 'pids.current'));
}

/** Bytes received and sent on every interface but loopback, from inside the container's netns. */
function networkIo(pid: number): { input: number; output: number } {
  let input = 0;
  let output = 0;
  try {
    for (const line of readFileSync(`/proc/${pid}/net/dev`, 'utf8').split('\n').slice(2)) {
      const colon = line.indexOf(':');
      if (colon < 0 || line.slice(0, colon).trim() === 'lo') continue;
      const fields = line
        .slice(colon + 1)
        .trim()
        .split(/\s+/);
      input += Number(fields[0]);
      output += Number(fields[8]);
    }
  } catch {
    // exited meanwhile
  }
  return { input, output };
}

function nowNano(): number {
  return Date.now() * 1e6;
}

/** One sample; `previous` is the container's last one (undefined for the first). */
export async function sampleContainerStats(
  store: Store,
  record: ContainerRecord,
  previous?: StatsSample,
): Promise<ContainerStats> {
  const current = await syncContainer(store, record);
  const systemNano = nowNano();
  const base = { id: current.id, name: current.name, systemNano };
  const active = current.state.status === 'running' || current.state.status === 'paused';
  if (!active || current.state.pid <= 0)
    return {
      ...base,
      cpuNano: 0,
      cpuPercent: 0,
      avgCpuPercent: 0,
      memUsage: 0,
      memLimit: 0,
      memPercent: 0,
      netInput: 0,
      netOutput: 0,
      blockInput: 0,
      blockOutput: 0,
      pids: 0,
    };
  const cgroups = containerCgroups(current.state.pid, current.id);
  const cpuNano = cpuNanos(cgroups);
  const startedNano = Date.parse(current.state.startedAt) * 1e6;
  const since = previous ?? { cpuNano: 0, systemNano: startedNano };
  const percent = (cpu: number, wall: number) => (cpu > 0 && wall > 0 ? (cpu / wall) * 100 : 0);
  const mem = memory(cgroups);
  const block = blockIo(cgroups);
  const net = networkIo(current.state.pid);
  return {
    ...base,
    cpuNano,
    cpuPercent: percent(cpuNano - since.cpuNano, systemNano - since.systemNano),
    avgCpuPercent: percent(cpuNano, systemNano - startedNano),
    memUsage: mem.usage,
    memLimit: mem.limit,
    memPercent: mem.limit > 0 ? (mem.usage / mem.limit) * 100 : 0,
    netInput: net.input,
    netOutput: net.output,
    blockInput: block.read,
    blockOutput: block.write,
    pids: pidCount(cgroups),
  };
}
