// `top`: the container's processes as podman shows them (psgo's descriptors: user, pid, ppid, pcpu,
// etime, tty, time, args by default), read from /proc for the PIDs in the container's cgroup. PIDs
// are the container's own (the last NSpid), users and groups are named from the container's
// /etc/passwd and /etc/group. Descriptors psgo does not know make podman run `ps` with the given
// arguments inside the container instead (`top ctr -ef`): so do we, through an exec session.
import { readFileSync } from 'node:fs';
import { openAttachSession } from '../runtime/attach.js';
import { ALL_CAPABILITIES } from '../runtime/capabilities.js';
import { resolveInRootfs } from '../runtime/rootfs-path.js';
import { parseGroup, parsePasswd } from '../runtime/user-resolve.js';
import type { Store } from '../state/store.js';
import { formatGoDuration } from '../util/go-duration.js';
import { containerCgroups, containerPids } from './container-cgroups.js';
import { execInContainer } from './container-exec.js';
import { requireContainer } from './container-lookup.js';
import { containerPaths } from './container-paths.js';
import { ContainerStateError } from './container-start.js';
import { syncContainer } from './container-sync.js';

/** Linux's USER_HZ: /proc/<pid>/stat counts times in these. */
const CLOCK_TICKS = 100;

export const DEFAULT_DESCRIPTORS = ['user', 'pid', 'ppid', 'pcpu', 'etime', 'tty', 'time', 'args'];

interface ProcessInfo {
  hostPid: number;
  pid: number;
  hostPpid: number;
  comm: string;
  state: string;
  pgrp: number;
  ttyNr: number;
  utime: number;
  stime: number;
  nice: number;
  startTicks: number;
  vsize: number;
  cmdline: string[];
  status: Map<string, string>;
}

interface TopContext {
  processes: ProcessInfo[];
  byHostPid: Map<number, ProcessInfo>;
  users: Map<number, string>;
  groups: Map<number, string>;
  bootTime: number;
  now: number;
}

type Column = (p: ProcessInfo, ctx: TopContext) => string;

function ids(p: ProcessInfo, key: string): string[] {
  return (p.status.get(key) ?? '').split(/\s+/).filter(Boolean);
}

function userName(ctx: TopContext, id: string | undefined): string {
  return ctx.users.get(Number(id)) ?? id ?? '?';
}

function groupName(ctx: TopContext, id: string | undefined): string {
  return ctx.groups.get(Number(id)) ?? id ?? '?';
}

function hostName(file: string, id: string | undefined): string {
  try {
    const entries = readFileSync(file, 'utf8').split('\n');
    const found = entries.map((l) => l.split(':')).find((f) => f[2] === id);
    return found?.[0] ?? id ?? '?';
  } catch {
    return id ?? '?';
  }
}

function startSeconds(p: ProcessInfo, ctx: TopContext): number {
  return ctx.bootTime + Math.floor(p.startTicks / CLOCK_TICKS);
}

/** Nanoseconds since the process started (exact: beyond 2^53 a float would invent digits). */
function elapsedNs(p: ProcessInfo, ctx: TopContext): bigint {
  return BigInt(ctx.now) * 1_000_000n - BigInt(startSeconds(p, ctx)) * 1_000_000_000n;
}

function cpuSeconds(p: ProcessInfo): number {
  return Math.floor((p.utime + p.stime) / CLOCK_TICKS);
}

function capabilities(mask: string | undefined): string {
  const value = BigInt(`0x${mask ?? '0'}`);
  const full = (1n << BigInt(ALL_CAPABILITIES.length)) - 1n;
  if ((value & full) === full) return 'full';
  const names = ALL_CAPABILITIES.filter((_, bit) => (value >> BigInt(bit)) & 1n).map((c) =>
    c.replace(/^CAP_/, ''),
  );
  return names.length === 0 ? 'none' : names.sort().join(',');
}

function tty(nr: number): string {
  if (nr === 0) return '?';
  const major = (nr >> 8) & 0xfff;
  const minor = (nr & 0xff) | ((nr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4 && minor < 64) return `tty${minor}`;
  if (major === 5 && minor === 1) return 'console';
  return '?';
}

/** psgo's descriptors: normal name, AIX code, header, value. */
const DESCRIPTORS: Array<{ normal: string; code?: string; header: string; value: Column }> = [
  { normal: 'pcpu', code: '%C', header: '%CPU', value: (p, ctx) => (elapsedNs(p, ctx) > 0n ? ((100 * cpuSeconds(p) * 1e9) / Number(elapsedNs(p, ctx))).toFixed(3) : '0.000') },
  { normal: 'group', code: '%G', header: 'GROUP', value: (p, ctx) => groupName(ctx, ids(p, 'Gid')[1]) },
  { normal: 'groups', header: 'GROUPS', value: (p, ctx) => ids(p, 'Groups').map((g) => groupName(ctx, g)).join(',') },
  { normal: 'ppid', code: '%P', header: 'PPID', value: (p, ctx) => String(ctx.byHostPid.get(p.hostPpid)?.pid ?? 0) },
  { normal: 'user', code: '%U', header: 'USER', value: (p, ctx) => userName(ctx, ids(p, 'Uid')[1]) },
  { normal: 'uid', header: 'UID', value: (p) => ids(p, 'Uid')[1] ?? '?' },
  { normal: 'args', code: '%a', header: 'COMMAND', value: (p) => (p.cmdline[0] ? p.cmdline.join(' ') : `[${p.comm}]`) },
  { normal: 'comm', code: '%c', header: 'COMMAND', value: (p) => p.comm },
  { normal: 'rgroup', code: '%g', header: 'RGROUP', value: (p, ctx) => groupName(ctx, ids(p, 'Gid')[0]) },
  { normal: 'nice', code: '%n', header: 'NI', value: (p) => String(p.nice) },
  { normal: 'pid', code: '%p', header: 'PID', value: (p) => String(p.pid) },
  { normal: 'pgid', code: '%r', header: 'PGID', value: (p, ctx) => String(ctx.byHostPid.get(p.pgrp)?.pid ?? p.pgrp) },
  { normal: 'etime', code: '%t', header: 'ELAPSED', value: (p, ctx) => formatGoDuration(elapsedNs(p, ctx)) },
  { normal: 'ruser', code: '%u', header: 'RUSER', value: (p, ctx) => userName(ctx, ids(p, 'Uid')[0]) },
  { normal: 'time', code: '%x', header: 'TIME', value: (p) => formatGoDuration(cpuSeconds(p) * 1e9) },
  { normal: 'tty', code: '%y', header: 'TTY', value: (p) => tty(p.ttyNr) },
  { normal: 'vsz', code: '%z', header: 'VSZ', value: (p) => String(Math.floor(p.vsize / 1024)) },
  { normal: 'capamb', header: 'AMBIENT CAPS', value: (p) => capabilities(p.status.get('CapAmb')) },
  { normal: 'capinh', header: 'INHERITED CAPS', value: (p) => capabilities(p.status.get('CapInh')) },
  { normal: 'capprm', header: 'PERMITTED CAPS', value: (p) => capabilities(p.status.get('CapPrm')) },
  { normal: 'capeff', header: 'EFFECTIVE CAPS', value: (p) => capabilities(p.status.get('CapEff')) },
  { normal: 'capbnd', header: 'BOUNDING CAPS', value: (p) => capabilities(p.status.get('CapBnd')) },
  { normal: 'seccomp', header: 'SECCOMP', value: (p) => ({ '0': 'disabled', '1': 'strict', '2': 'filter' })[p.status.get('Seccomp') ?? ''] ?? '?' },
  { normal: 'label', header: 'LABEL', value: () => '?' },
  { normal: 'hpid', header: 'HPID', value: (p) => String(p.hostPid) },
  { normal: 'huser', header: 'HUSER', value: (p) => hostName('/etc/passwd', ids(p, 'Uid')[1]) },
  { normal: 'huid', header: 'HUID', value: (p) => ids(p, 'Uid')[1] ?? '?' },
  { normal: 'hgroup', header: 'HGROUP', value: (p) => hostName('/etc/group', ids(p, 'Gid')[1]) },
  { normal: 'hgroups', header: 'HGROUPS', value: (p) => ids(p, 'Groups').join(',') },
  { normal: 'rss', header: 'RSS', value: (p) => (p.status.get('VmRSS') ?? '0 kB').split(/\s+/)[0] ?? '0' },
  { normal: 'state', header: 'STATE', value: (p) => p.state },
  { normal: 'stime', header: 'STIME', value: (p, ctx) => new Date(startSeconds(p, ctx) * 1000).toISOString() },
]; // prettier-ignore

/** The descriptors psgo would use, or undefined when one is unknown (then ps(1) runs instead). */
export function translateDescriptors(args: readonly string[]): typeof DESCRIPTORS | undefined {
  const names = args
    .flatMap((a) => a.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const wanted = names.length > 0 ? names : DEFAULT_DESCRIPTORS;
  const out: typeof DESCRIPTORS = [];
  for (const name of wanted) {
    const found = DESCRIPTORS.find((d) => d.normal === name || d.code === name);
    if (!found) return undefined;
    out.push(found);
  }
  return out;
}

function readProcess(hostPid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${hostPid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const fields = stat
      .slice(close + 2)
      .trim()
      .split(' ');
    const status = new Map<string, string>();
    for (const line of readFileSync(`/proc/${hostPid}/status`, 'utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) status.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
    const nspid = (status.get('NSpid') ?? String(hostPid)).split(/\s+/).filter(Boolean);
    return {
      hostPid,
      pid: Number(nspid[nspid.length - 1]),
      hostPpid: Number(fields[1]),
      comm: stat.slice(open + 1, close),
      state: fields[0] ?? '?',
      pgrp: Number(fields[2]),
      ttyNr: Number(fields[4]),
      utime: Number(fields[11]),
      stime: Number(fields[12]),
      nice: Number(fields[16]),
      startTicks: Number(fields[19]),
      vsize: Number(fields[20]),
      cmdline: readFileSync(`/proc/${hostPid}/cmdline`, 'utf8').split('\0'),
      status,
    };
  } catch {
    return undefined; // exited meanwhile
  }
}

function idNames(rootfs: string, file: string, parse: (text: string) => Array<{ name: string }>, idKey: 'uid' | 'gid'): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const entry of parse(readFileSync(resolveInRootfs(rootfs, file), 'utf8')) as Array<{ name: string; uid?: number; gid?: number }>) {
      const id = entry[idKey];
      if (id !== undefined && !names.has(id)) names.set(id, entry.name);
    }
  } catch {
    // no such file in the image: numbers it is
  }
  return names;
} // prettier-ignore

function bootTime(): number {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('btime '));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

/** Collects an exec'd `ps`'s output (stdout and stderr, as podman shows them). */
async function execPs(store: Store, id: string, args: readonly string[]): Promise<string[]> {
  let output = '';
  let session: Awaited<ReturnType<typeof openAttachSession>> | undefined;
  const started = await execInContainer(store, id, {
    args: ['ps', ...args],
    env: [],
    onAttachReady: async (paths) => {
      session = await openAttachSession(paths.attachSocket);
    },
  });
  try {
    for await (const chunk of session!.output) output += chunk.data.toString();
    const code = await started.session.exitCode;
    if (code !== 0)
      throw new ContainerStateError(
        `ps(1) failed with exit code ${code} in container ${started.record.name}: ${output.trim()}`,
      );
  } finally {
    session?.close();
    await started.dispose();
  }
  return output.replace(/\n$/, '').split('\n');
}

/**
 * The container's processes: the header and one row per process (cells), or, for arguments that
 * are not descriptors, the lines ps(1) printed inside the container.
 */
export async function containerTop(
  store: Store,
  input: string,
  args: readonly string[],
): Promise<{ rows: string[][] } | { lines: string[] }> {
  const record = await syncContainer(store, requireContainer(store.db, input));
  if (record.state.status !== 'running')
    throw new ContainerStateError(
      `top can only be used on running containers: container ${record.name} is ${record.state.status}`,
    );
  const descriptors = translateDescriptors(args);
  if (!descriptors) {
    const lines = await execPs(store, record.id, args);
    // podman's trick: drop the ps process itself rather than require a PID column.
    const command = args.join(' ');
    return { lines: lines.filter((line) => !line.includes(command)) };
  }
  const pids = containerPids(containerCgroups(record.state.pid, record.id));
  const processes = pids.map(readProcess).filter((p): p is ProcessInfo => p !== undefined);
  const rootfs = containerPaths(store.paths, record.id).mergedDir;
  const ctx: TopContext = {
    processes,
    byHostPid: new Map(processes.map((p) => [p.hostPid, p])),
    users: idNames(rootfs, '/etc/passwd', parsePasswd, 'uid'),
    groups: idNames(rootfs, '/etc/group', parseGroup, 'gid'),
    bootTime: bootTime(),
    now: Date.now(),
  };
  const rows = [descriptors.map((d) => d.header)];
  for (const p of processes.sort((a, b) => a.pid - b.pid)) rows.push(descriptors.map((d) => d.value(p, ctx)));
  return { rows };
}
