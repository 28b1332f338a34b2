// Resource limits (rlimits) for a container, clamped to the host's hard limits. runc cannot raise
// a hard limit above its own (without CAP_SYS_RESOURCE in the outer namespace): asking for more
// makes `runc create` fail with "error setting rlimit type 7: operation not permitted".
import { readFileSync } from 'node:fs';
import type { OciRlimit } from './oci-spec-types.js';

/** /proc/<pid>/limits row titles → OCI rlimit types. */
const LIMIT_ROWS: Record<string, string> = {
  'Max cpu time': 'RLIMIT_CPU',
  'Max file size': 'RLIMIT_FSIZE',
  'Max data size': 'RLIMIT_DATA',
  'Max stack size': 'RLIMIT_STACK',
  'Max core file size': 'RLIMIT_CORE',
  'Max resident set': 'RLIMIT_RSS',
  'Max processes': 'RLIMIT_NPROC',
  'Max open files': 'RLIMIT_NOFILE',
  'Max locked memory': 'RLIMIT_MEMLOCK',
  'Max address space': 'RLIMIT_AS',
  'Max file locks': 'RLIMIT_LOCKS',
  'Max pending signals': 'RLIMIT_SIGPENDING',
  'Max msgqueue size': 'RLIMIT_MSGQUEUE',
  'Max nice priority': 'RLIMIT_NICE',
  'Max realtime priority': 'RLIMIT_RTPRIO',
  'Max realtime timeout': 'RLIMIT_RTTIME',
};

/** "unlimited" as the kernel's RLIM_INFINITY would not fit a JS number exactly: use this marker. */
export const UNLIMITED = Number.POSITIVE_INFINITY;

export interface HostLimit {
  soft: number;
  hard: number;
}

/** Parses /proc/self/limits text: the same numbers `prlimit` prints. */
export function parseProcLimits(text: string): Map<string, HostLimit> {
  const limits = new Map<string, HostLimit>();
  for (const line of text.split('\n').slice(1)) {
    const title = Object.keys(LIMIT_ROWS).find((t) => line.startsWith(t + ' '));
    if (!title) continue;
    const [soft, hard] = line.slice(title.length).trim().split(/\s+/);
    const value = (v: string | undefined) => (v === 'unlimited' || v === undefined ? UNLIMITED : Number(v));
    limits.set(LIMIT_ROWS[title]!, { soft: value(soft), hard: value(hard) });
  }
  return limits;
}

let cached: Map<string, HostLimit> | undefined;

/** This process's limits; the container's processes descend from a runc that inherits them. */
export function hostLimits(): Map<string, HostLimit> {
  cached ??= parseProcLimits(readFileSync('/proc/self/limits', 'utf8'));
  return cached;
}

/** podman's defaults as root; clampRlimits brings them down to what this host allows. */
export const DEFAULT_RLIMITS: OciRlimit[] = [
  { type: 'RLIMIT_NOFILE', soft: 1048576, hard: 1048576 },
  { type: 'RLIMIT_NPROC', soft: 32768, hard: 32768 },
];

/** Later entries of the same type win (defaults first, then the user's --ulimit flags). */
export function clampRlimits(
  requested: readonly OciRlimit[],
  host: Map<string, HostLimit> = hostLimits(),
): OciRlimit[] {
  const byType = new Map<string, OciRlimit>();
  for (const r of requested) byType.set(r.type, { ...r });
  const out: OciRlimit[] = [];
  for (const r of byType.values()) {
    const limit = host.get(r.type);
    let hard = r.hard;
    let soft = r.soft;
    if (limit && limit.hard !== UNLIMITED) hard = Math.min(hard, limit.hard);
    soft = Math.min(soft, hard);
    // Infinity stays Infinity here: serializeOciJson writes it as RLIM_INFINITY (2^64-1), which
    // no double can hold exactly.
    out.push({ type: r.type, soft, hard });
  }
  return out;
}

/** `--ulimit nofile=1024:2048` → an OCI rlimit (soft:hard; one number sets both). */
export function parseUlimitFlag(flag: string): OciRlimit {
  const match = /^([a-z]+)=(-?\d+|unlimited)(?::(-?\d+|unlimited))?$/.exec(flag.trim());
  if (!match) throw new Error(`invalid --ulimit "${flag}": use name=soft[:hard], e.g. nofile=1024:2048`);
  const type = `RLIMIT_${match[1]!.toUpperCase()}`;
  if (!Object.values(LIMIT_ROWS).includes(type))
    throw new Error(`invalid --ulimit "${flag}": unknown limit ${match[1]}`);
  const num = (v: string) => (v === 'unlimited' || v === '-1' ? UNLIMITED : Number(v));
  const soft = num(match[2]!);
  const hard = match[3] === undefined ? soft : num(match[3]);
  if (soft > hard) throw new Error(`invalid --ulimit "${flag}": the soft limit is above the hard limit`);
  return { type, soft, hard };
}
