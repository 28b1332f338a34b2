// From a container's recorded config to the OCI runtime description (runtime/oci-spec.ts): the
// process, the user's mounts (binds, volumes, tmpfs), resources and policies. Host paths of named
// volumes are resolved by the caller (volumes are prepared at init).
import type { BindMountRequest } from '../runtime/default-mounts.js';
import type { EtcFiles } from '../runtime/etc-files.js';
import { UNLIMITED } from '../runtime/host-limits.js';
import type { ContainerDescription, NamespaceMode } from '../runtime/oci-spec.js';
import type { ContainerConfig } from './container-config.js';

/** Where the init binary (catatonit, for --init) is bind-mounted inside the container. */
export const INIT_PATH_IN_CONTAINER = '/run/berth-init';

export interface SpecInputs {
  id: string;
  config: ContainerConfig;
  rootfs: string;
  etcFiles: EtcFiles;
  /** Host paths of the config's volume mounts, by destination. */
  volumePaths: ReadonlyMap<string, string>;
  /** Host path of catatonit when config.init. */
  initBinary?: string;
  /** Namespace paths to join (pod infra / container:<id> network), from the networking layer. */
  namespaces?: ContainerDescription['namespaces'];
  rootless?: boolean;
}

// SELinux relabelling (z, Z) and chown (U) have no meaning here: accepted, as podman on a host
// without SELinux accepts them.
const IGNORED_MOUNT_OPTIONS = new Set(['z', 'Z', 'U', 'ro', 'rw', 'readonly']);

function bindOptions(options: readonly string[]): string[] {
  return options.filter((o) => !IGNORED_MOUNT_OPTIONS.has(o));
}

export function containerDescription(inputs: SpecInputs): ContainerDescription {
  const { config } = inputs;
  const binds: BindMountRequest[] = [];
  const tmpfs: Array<{ destination: string; options?: string[] }> = [];
  for (const mount of config.mounts) {
    if (mount.type === 'tmpfs') {
      tmpfs.push({ destination: mount.destination, options: mount.options });
    } else if (mount.type === 'bind') {
      binds.push({
        source: mount.source,
        destination: mount.destination,
        readonly: mount.readonly,
        options: bindOptions(mount.options),
      });
    } else {
      const source = inputs.volumePaths.get(mount.destination);
      if (!source) throw new Error(`volume ${mount.name} for ${mount.destination} was not prepared`);
      binds.push({
        source,
        destination: mount.destination,
        readonly: mount.readonly,
        options: bindOptions(mount.options),
      });
    }
  }
  let args = [...config.entrypoint, ...config.command];
  if (config.init && inputs.initBinary) {
    binds.push({ source: inputs.initBinary, destination: INIT_PATH_IN_CONTAINER, readonly: true });
    args = [INIT_PATH_IN_CONTAINER, '--', ...args];
  }
  const namespaces: Partial<Record<'pid' | 'ipc' | 'uts' | 'network', NamespaceMode>> = {
    ...networkNamespace(config.networkMode),
    ...inputs.namespaces,
  };
  return {
    id: inputs.id,
    rootfs: inputs.rootfs,
    args,
    env: config.env,
    workdir: config.workdir,
    user: config.user || undefined,
    groupAdd: config.groupAdd,
    hostname: config.hostname,
    terminal: config.tty,
    readonlyRootfs: config.readOnly,
    readonlyTmpfs: config.readOnlyTmpfs,
    tmpfs,
    binds,
    privileged: config.privileged,
    capAdd: config.capAdd,
    capDrop: config.capDrop,
    memoryBytes: config.memory > 0 ? config.memory : undefined,
    cpus: config.cpus > 0 ? config.cpus : undefined,
    pidsLimit: config.pidsLimit,
    namespaces,
    etcFiles: inputs.etcFiles,
    // Unlimited is stored as -1 (JSON has no Infinity).
    rlimits: config.ulimits.map((u) => ({
      type: u.type,
      soft: u.soft < 0 ? UNLIMITED : u.soft,
      hard: u.hard < 0 ? UNLIMITED : u.hard,
    })),
    annotations: config.annotations,
    stopSignal: config.stopSignal,
    seccomp: config.seccomp,
    noNewPrivileges: config.noNewPrivileges,
    shmSize: config.shmSize,
    rootless: inputs.rootless,
  };
}

function networkNamespace(mode: string): Partial<Record<'network', NamespaceMode>> {
  if (mode === 'host') return { network: { mode: 'host' } };
  if (mode.startsWith('ns:')) return { network: { mode: 'path', path: mode.slice(3) } };
  return {};
}
