// Where a running container's cgroups are, on cgroup v1, v2 and hybrid hosts alike: read from its
// init process (/proc/<pid>/cgroup, a line per hierarchy) against the host's cgroup mounts, so
// whatever parent and manager the runtime used, top and stats read the right files. The spec's
// cgroupsPath (`/berth/berth-<id>`, runtime/oci-spec.ts) is the fallback when /proc is unreadable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CGROUP_PARENT } from '../runtime/oci-spec.js';

export interface ContainerCgroups {
  /** v1 controller name -> the container's directory in that hierarchy. */
  v1: Map<string, string>;
  /** The container's directory in the unified (v2) hierarchy, when the host has one. */
  v2?: string;
  /** Whether the v2 directory is where the host's controllers are (pure v2, not hybrid). */
  v2HasControllers: boolean;
}

interface CgroupMounts {
  v1: Map<string, string>;
  v2?: string;
}

function cgroupMounts(): CgroupMounts {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [before, after] = line.split(' - ');
    if (!before || !after) continue;
    const mountPoint = before.split(' ')[4] ?? '';
    const [fsType, , superOptions = ''] = after.split(' ');
    if (fsType === 'cgroup2') v2 ??= mountPoint;
    if (fsType !== 'cgroup') continue;
    for (const option of superOptions.split(',')) {
      if (option === 'rw' || option === 'ro' || option.includes('=')) continue;
      if (!v1.has(option)) v1.set(option, mountPoint);
    }
  }
  return { v1, v2 };
}

/** The container's cgroup directories, from its init PID (or its ID when the PID is unknown). */
export function containerCgroups(pid: number, id: string): ContainerCgroups {
  const mounts = cgroupMounts();
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  let lines: string[] | undefined;
  try {
    lines = pid > 0 ? readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n') : undefined;
  } catch {
    lines = undefined;
  }
  if (lines) {
    for (const line of lines) {
      const first = line.indexOf(':');
      const second = line.indexOf(':', first + 1);
      if (first < 0 || second < 0) continue;
      const controllers = line.slice(first + 1, second);
      const cgroupPath = line.slice(second + 1);
      if (controllers === '') {
        if (mounts.v2) v2 = path.join(mounts.v2, cgroupPath);
        continue;
      }
      for (const controller of controllers.split(',')) {
        const mountPoint = mounts.v1.get(controller);
        if (mountPoint) v1.set(controller, path.join(mountPoint, cgroupPath));
      }
    }
  } else {
    const fallback = `${DEFAULT_CGROUP_PARENT}/berth-${id}`;
    for (const [controller, mountPoint] of mounts.v1) v1.set(controller, path.join(mountPoint, fallback));
    if (mounts.v2) v2 = path.join(mounts.v2, fallback);
  }
  return { v1, v2, v2HasControllers: mounts.v1.size === 0 && mounts.v2 !== undefined };
}

export function readCgroupFile(dir: string | undefined, file: string): string | undefined {
  if (!dir) return undefined;
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch {
    return undefined;
  }
}

/** Host PIDs of every process in the container (its init, exec sessions, their children). */
export function containerPids(cgroups: ContainerCgroups): number[] {
  const candidates = [
    cgroups.v1.get('pids'),
    cgroups.v1.get('memory'),
    cgroups.v1.get('freezer'),
    cgroups.v1.get('cpu'),
    cgroups.v2,
  ];
  for (const dir of candidates) {
    const text = readCgroupFile(dir, 'cgroup.procs');
    if (text === undefined) continue;
    const pids = text
      .split('\n')
      .filter(Boolean)
      .map(Number)
      .filter((n) => n > 0);
    if (pids.length > 0) return pids.sort((a, b) => a - b);
  }
  return [];
}
