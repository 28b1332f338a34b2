// Which cgroup hierarchy the host has. crun refuses the hybrid layout (v1 controllers plus a v2
// mount), so the runtime default depends on this.
import { readFileSync, statfsSync } from 'node:fs';

export type CgroupVersion = 'v1' | 'v2';
export interface CgroupLayout {
  version: CgroupVersion;
  hybrid: boolean;
  controllers: string[];
}

const CGROUP2_SUPER_MAGIC = 0x63677270;

export function detectCgroups(): CgroupLayout {
  try {
    if (statfsSync('/sys/fs/cgroup').type === CGROUP2_SUPER_MAGIC) {
      const controllers = readFileSync('/sys/fs/cgroup/cgroup.controllers', 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
      return { version: 'v2', hybrid: false, controllers };
    }
  } catch {
    // no /sys/fs/cgroup: report v1 with no controllers below
  }
  const controllers = new Set<string>();
  let hybrid = false;
  try {
    for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
      const [before, after] = line.split(' - ');
      if (!before || !after) continue;
      const mountPoint = before.split(' ')[4] ?? '';
      const [fsType, , superOptions = ''] = after.split(' ');
      if (fsType === 'cgroup2' && mountPoint.startsWith('/sys/fs/cgroup')) hybrid = true;
      if (fsType === 'cgroup') {
        for (const opt of superOptions.split(',')) {
          if (['rw', 'ro'].includes(opt) || opt.startsWith('name=') || opt.includes('=')) continue;
          controllers.add(opt);
        }
      }
    }
  } catch {
    // not Linux
  }
  return { version: 'v1', hybrid, controllers: [...controllers].sort() };
}
