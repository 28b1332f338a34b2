// Builds the OCI runtime config.json for a container, as podman does, from a description that
// the container layer fills in from the image and the user's flags. Everything runc needs is
// here; nothing in it depends on how the rootfs was made (overlay, plain directory...).
import { lstatSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ociCapabilities } from './capabilities.js';
import { envValue, mergeEnv } from './command-merge.js';
import {
  DEFAULT_MASKED_PATHS,
  DEFAULT_READONLY_PATHS,
  READONLY_ROOTFS_TMPFS,
  bindMount,
  defaultMounts,
  tmpfsMount,
  type BindMountRequest,
} from './default-mounts.js';
import type { EtcFiles } from './etc-files.js';
import { DEFAULT_RLIMITS, clampRlimits } from './host-limits.js';
import { serializeOciJson } from './oci-json.js';
import {
  OCI_VERSION,
  type OciDevice,
  type OciMount,
  type OciNamespace,
  type OciNamespaceType,
  type OciResources,
  type OciRlimit,
  type OciSeccomp,
  type OciSpec,
} from './oci-spec-types.js';
import { defaultSeccompProfile } from './seccomp-profile.js';
import { resolveUser } from './user-resolve.js';

/** How a container gets a namespace: its own, the host's, or one at a path (another container's, a pod's netns). */
export type NamespaceMode = { mode: 'private' } | { mode: 'host' } | { mode: 'path'; path: string };

export interface ContainerDescription {
  id: string;
  /** Host path of the container's root filesystem (the overlay mount point, or a directory). */
  rootfs: string;
  /** The final argv, after resolveProcessArgs. */
  args: string[];
  /** The image's and the user's env, merged with mergeEnv (defaults are added below them). */
  env?: string[];
  workdir?: string;
  /** "uid[:gid]" or names resolved in the rootfs's /etc/passwd and /etc/group. */
  user?: string;
  groupAdd?: string[];
  hostname?: string;
  terminal?: boolean;
  readonlyRootfs?: boolean;
  /** With readonlyRootfs, also mount tmpfs on /tmp, /var/tmp and /run (podman's default). */
  readonlyTmpfs?: boolean;
  tmpfs?: Array<{ destination: string; options?: string[] }>;
  binds?: BindMountRequest[];
  privileged?: boolean;
  capAdd?: string[];
  capDrop?: string[];
  /** Memory limit in bytes. */
  memoryBytes?: number;
  /** CPU limit as a number of CPUs (0.5 = half of one). */
  cpus?: number;
  /** Process limit; undefined means podman's default of 2048, 0 or less means none. */
  pidsLimit?: number;
  namespaces?: Partial<Record<'pid' | 'ipc' | 'uts' | 'network', NamespaceMode>>;
  /** Files written by writeEtcFiles, bind-mounted over /etc/hosts, /etc/resolv.conf, /etc/hostname. */
  etcFiles?: EtcFiles;
  /** --ulimit values; clamped to the host's hard limits with podman's defaults below them. */
  rlimits?: OciRlimit[];
  annotations?: Record<string, string>;
  /** Signal name or number that `stop` sends (recorded as an annotation, as podman does). */
  stopSignal?: string;
  /** cgroup parent path for the cgroupfs manager. */
  cgroupParent?: string;
  /** "default" (Berth's profile), "unconfined", or a profile object. */
  seccomp?: 'default' | 'unconfined' | OciSeccomp;
  noNewPrivileges?: boolean;
  shmSize?: number;
  rootless?: boolean;
}

export const DEFAULT_PIDS_LIMIT = 2048;
export const DEFAULT_CGROUP_PARENT = '/berth';
const CPU_PERIOD = 100_000;

export function generateOciSpec(desc: ContainerDescription): OciSpec {
  if (args0Missing(desc.args))
    throw new Error(`container ${desc.id}: the command is empty: give a command to run`);
  const privileged = desc.privileged ?? false;
  const user = resolveUser(desc.rootfs, desc.user, desc.groupAdd);
  const hostname = desc.hostname ?? desc.id.slice(0, 12);
  const network = desc.namespaces?.network ?? { mode: 'private' };
  const uts = desc.namespaces?.uts ?? { mode: 'private' };

  // HOSTNAME and HOME come last among the defaults and first below the user's values, as podman.
  const baseEnv = desc.env ?? [];
  const env = mergeEnv(
    ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'],
    envValue(baseEnv, 'HOME') === undefined ? [`HOME=${user.home}`] : [],
    uts.mode === 'private' ? [`HOSTNAME=${hostname}`] : [],
    baseEnv,
  );

  const capabilities = ociCapabilities({
    capAdd: desc.capAdd,
    capDrop: desc.capDrop,
    privileged,
    uid: user.uid,
  });

  const spec: OciSpec = {
    ociVersion: OCI_VERSION,
    process: {
      terminal: desc.terminal ?? false,
      user: {
        uid: user.uid,
        gid: user.gid,
        umask: 0o022,
        ...(user.additionalGids.length > 0 ? { additionalGids: user.additionalGids } : {}),
      },
      args: desc.args,
      env,
      cwd: desc.workdir || '/',
      capabilities,
      rlimits: clampRlimits([...DEFAULT_RLIMITS, ...(desc.rlimits ?? [])]),
      noNewPrivileges: desc.noNewPrivileges ?? false,
    },
    root: { path: desc.rootfs, readonly: desc.readonlyRootfs ?? false },
    mounts: containerMounts(desc, network.mode === 'host'),
    annotations: containerAnnotations(desc),
    linux: {
      namespaces: containerNamespaces(desc),
      // Rootless (runc as uid 0 of Berth's user namespace) on this cgroup v1/hybrid host: the user
      // owns no cgroup to make children in, so, as podman's rootless cgroups v1 mode does, no
      // cgroup is managed at all. With neither a path nor resources runc's rootless cgroup manager
      // tolerates the permission errors; a path or any limit makes it fail instead.
      ...(desc.rootless
        ? {}
        : {
            resources: containerResources(desc),
            cgroupsPath: `${desc.cgroupParent ?? DEFAULT_CGROUP_PARENT}/berth-${desc.id}`,
          }),
    },
  };
  if (uts.mode === 'private') spec.hostname = hostname;
  if (network.mode !== 'host') {
    // Lets unprivileged processes ping without CAP_NET_RAW (podman sets the same).
    spec.linux.sysctl = { 'net.ipv4.ping_group_range': '0 0' };
  }
  if (!privileged) {
    spec.linux.maskedPaths = [...DEFAULT_MASKED_PATHS];
    spec.linux.readonlyPaths = [...DEFAULT_READONLY_PATHS];
    const seccomp = desc.seccomp ?? 'default';
    if (seccomp === 'default') spec.linux.seccomp = defaultSeccompProfile(capabilities.bounding);
    else if (seccomp !== 'unconfined') spec.linux.seccomp = seccomp;
  } else {
    spec.linux.devices = hostDevices();
  }
  return spec;
}

function args0Missing(args: readonly string[]): boolean {
  return args.length === 0 || args[0] === '';
}

function containerMounts(desc: ContainerDescription, hostNetwork: boolean): OciMount[] {
  const mounts = defaultMounts({
    privileged: desc.privileged,
    hostNetwork,
    rootless: desc.rootless,
    shmSize: desc.shmSize,
  });
  if (desc.etcFiles) {
    // The engine owns these files; a bind mount keeps the image's copies untouched.
    for (const [destination, source] of [
      ['/etc/hosts', desc.etcFiles.hosts],
      ['/etc/resolv.conf', desc.etcFiles.resolvConf],
      ['/etc/hostname', desc.etcFiles.hostname],
    ] as const) {
      mounts.push({ destination, type: 'bind', source, options: ['bind', 'rprivate'] });
    }
  }
  if (desc.readonlyRootfs && (desc.readonlyTmpfs ?? true)) {
    for (const destination of READONLY_ROOTFS_TMPFS) mounts.push(tmpfsMount(destination));
  }
  for (const t of desc.tmpfs ?? []) mounts.push(tmpfsMount(t.destination, t.options));
  for (const b of desc.binds ?? []) mounts.push(bindMount(b));
  // A user mount over a default destination replaces the default (e.g. -v /dev/shm or --tmpfs /tmp).
  const key = (destination: string) => path.posix.normalize(destination).replace(/(.)\/+$/, '$1');
  const last = new Map<string, number>();
  mounts.forEach((m, i) => last.set(key(m.destination), i));
  return mounts.filter((m, i) => last.get(key(m.destination)) === i);
}

function containerNamespaces(desc: ContainerDescription): OciNamespace[] {
  const namespaces: OciNamespace[] = [];
  const kinds: Array<['pid' | 'ipc' | 'uts' | 'network', OciNamespaceType]> = [
    ['pid', 'pid'],
    ['network', 'network'],
    ['ipc', 'ipc'],
    ['uts', 'uts'],
  ];
  for (const [key, type] of kinds) {
    const mode = desc.namespaces?.[key] ?? { mode: 'private' };
    if (mode.mode === 'host') continue; // no entry: the container stays in runc's (the host's) namespace
    namespaces.push(mode.mode === 'path' ? { type, path: mode.path } : { type });
  }
  namespaces.push({ type: 'mount' });
  return namespaces;
}

function containerResources(desc: ContainerDescription): OciResources {
  const resources: OciResources = {
    // Deny every device, then runc adds its default allow-list (null, zero, tty, ptmx...).
    devices: [{ allow: desc.privileged ?? false, access: 'rwm' }],
  };
  if (desc.memoryBytes !== undefined && desc.memoryBytes > 0)
    resources.memory = { limit: Math.floor(desc.memoryBytes) };
  if (desc.cpus !== undefined && desc.cpus > 0)
    resources.cpu = { quota: Math.round(desc.cpus * CPU_PERIOD), period: CPU_PERIOD };
  const pids = desc.pidsLimit ?? DEFAULT_PIDS_LIMIT;
  if (pids > 0) resources.pids = { limit: pids };
  return resources;
}

function containerAnnotations(desc: ContainerDescription): Record<string, string> {
  return {
    'io.container.manager': 'berth',
    'org.opencontainers.image.stopSignal': desc.stopSignal ?? '15',
    'io.podman.annotations.privileged': desc.privileged ? 'TRUE' : 'FALSE',
    'io.kubernetes.cri-o.TTY': desc.terminal ? 'true' : 'false',
    ...desc.annotations,
  };
}

/** --privileged: every host device node under /dev (not the per-container pts/shm/mqueue). */
function hostDevices(): OciDevice[] {
  const devices: OciDevice[] = [];
  const skip = new Set(['/dev/pts', '/dev/shm', '/dev/mqueue', '/dev/ptmx', '/dev/console', '/dev/fd']);
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (skip.has(full)) continue;
      // lstat: /dev/stdin and friends are links into /proc/self/fd, not devices to copy.
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(full);
      else if (st.isCharacterDevice() || st.isBlockDevice()) {
        const rdev = Number(st.rdev);
        // glibc's gnu_dev_major/minor encoding of the 32-bit dev_t.
        const major = ((rdev >> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
        const minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
        devices.push({
          type: st.isCharacterDevice() ? 'c' : 'b',
          path: full,
          major,
          minor,
          fileMode: st.mode & 0o777,
          uid: st.uid,
          gid: st.gid,
        });
      }
    }
  };
  walk('/dev');
  return devices;
}

/** Writes `<bundleDir>/config.json`. */
/** Written synchronously, as the /etc files are (etc-files.ts says why). */
export function writeOciSpec(bundleDir: string, spec: OciSpec): string {
  const file = path.join(bundleDir, 'config.json');
  writeFileSync(file, serializeOciJson(spec), { mode: 0o600 });
  return file;
}
