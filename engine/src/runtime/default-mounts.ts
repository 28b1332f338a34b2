// The file systems every container gets (podman's set and options), and the /proc and /sys
// paths hidden or made read-only so a container cannot read host secrets (kcore, keys) or poke
// the kernel (sysrq-trigger, /proc/sys).
import type { OciMount } from './oci-spec-types.js';

export interface DefaultMountOptions {
  privileged?: boolean;
  /** With the host's network namespace, sysfs cannot be mounted fresh when rootless: bind it. */
  hostNetwork?: boolean;
  rootless?: boolean;
  /** /dev/shm size in bytes (podman: 64 MiB). */
  shmSize?: number;
}

export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

export function defaultMounts(options: DefaultMountOptions = {}): OciMount[] {
  const ro = options.privileged ? [] : ['ro'];
  const shmKiB = Math.floor((options.shmSize ?? DEFAULT_SHM_SIZE) / 1024);
  const sys: OciMount =
    options.hostNetwork && options.rootless
      ? {
          destination: '/sys',
          type: 'bind',
          source: '/sys',
          options: ['rprivate', 'nosuid', 'noexec', 'nodev', 'rbind', ...ro],
        }
      : {
          destination: '/sys',
          type: 'sysfs',
          source: 'sysfs',
          options: ['nosuid', 'noexec', 'nodev', ...ro],
        };
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    sys,
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmKiB}k`],
    },
    {
      destination: '/sys/fs/cgroup',
      type: 'cgroup',
      source: 'cgroup',
      options: ['rprivate', 'nosuid', 'noexec', 'nodev', 'relatime', ...ro],
    },
  ];
}

export const DEFAULT_MASKED_PATHS = [
  '/proc/acpi',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/fs/selinux',
  '/sys/dev/block',
];

export const DEFAULT_READONLY_PATHS = [
  '/proc/asound',
  '/proc/bus',
  '/proc/fs',
  '/proc/irq',
  '/proc/sys',
  '/proc/sysrq-trigger',
];

/** With --read-only, podman still gives these writable tmpfs mounts (--read-only-tmpfs=true). */
export const READONLY_ROOTFS_TMPFS = ['/tmp', '/var/tmp', '/run'];

/** A tmpfs mount as --tmpfs makes it: options after `:` (podman's defaults otherwise). */
export function tmpfsMount(destination: string, options?: readonly string[]): OciMount {
  const opts =
    options && options.length > 0 ? [...options] : ['rw', 'rprivate', 'nosuid', 'nodev', 'tmpcopyup'];
  return { destination, type: 'tmpfs', source: 'tmpfs', options: opts };
}

export interface BindMountRequest {
  source: string;
  destination: string;
  readonly?: boolean;
  /** Extra options (e.g. "rshared", "noexec"); rbind and rprivate are implied unless given. */
  options?: readonly string[];
}

export function bindMount(request: BindMountRequest): OciMount {
  const extra = request.options ?? [];
  const options = [
    ...(extra.includes('bind') || extra.includes('rbind') ? [] : ['rbind']),
    ...(extra.some((o) => /^r?(private|shared|slave)$/.test(o)) ? [] : ['rprivate']),
    ...extra,
    request.readonly ? 'ro' : 'rw',
  ];
  return { destination: request.destination, type: 'bind', source: request.source, options };
}
