// What a container is made of, as recorded at `create` and never changed afterwards (rename aside):
// the image, the process, resources, mounts and policies. Everything the runtime needs at start is
// derived from this plus the image, so a container can be started again by any later process.

/** A bind mount, named volume, anonymous volume or tmpfs, as given by -v/--mount/--tmpfs. */
export type ContainerMount =
  | { type: 'bind'; source: string; destination: string; readonly: boolean; options: string[] }
  | {
      type: 'volume';
      name: string;
      anonymous: boolean;
      destination: string;
      readonly: boolean;
      options: string[];
    }
  | { type: 'tmpfs'; destination: string; options: string[] };

export type RestartPolicyName = 'no' | 'on-failure' | 'always' | 'unless-stopped';

export interface RestartPolicy {
  name: RestartPolicyName;
  /** on-failure only: 0 means no limit. */
  maxRetries: number;
}

export interface ContainerConfig {
  /** The image as the user named it (podman's ImageName), and its ID. */
  imageName: string;
  imageId: string;
  /** Final argv split as podman records it: the entrypoint part and the command part. */
  entrypoint: string[];
  command: string[];
  /** Full environment (image env merged with the user's). */
  env: string[];
  workdir: string;
  /** As given (`name`, `uid:gid`...), resolved in the rootfs at start. '' = the image's or root. */
  user: string;
  groupAdd: string[];
  hostname: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  tty: boolean;
  /** -i: keep stdin open. */
  interactive: boolean;
  mounts: ContainerMount[];
  readOnly: boolean;
  /** --read-only-tmpfs (default true): tmpfs on /tmp, /var/tmp, /run with --read-only. */
  readOnlyTmpfs: boolean;
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  /** Bytes; 0 = unlimited. */
  memory: number;
  /** Number of CPUs; 0 = unlimited. */
  cpus: number;
  /** undefined = the default (2048); 0 or less = unlimited. */
  pidsLimit?: number;
  /** --init: run catatonit as PID 1. */
  init: boolean;
  restartPolicy: RestartPolicy;
  stopSignal: string;
  /** Seconds `stop` waits before SIGKILL. */
  stopTimeout: number;
  /** --rm */
  autoRemove: boolean;
  /** --log-opt max-size (bytes); 0 = unlimited. */
  logSizeMax: number;
  ulimits: Array<{ type: string; soft: number; hard: number }>;
  /** --shm-size in bytes. */
  shmSize?: number;
  /** "default", "unconfined" (--security-opt seccomp=unconfined). */
  seccomp: 'default' | 'unconfined';
  noNewPrivileges: boolean;
  /**
   * Network mode: "bridge" (netavark networks: which ones, with aliases and --ip, are in the
   * network_attachments table), "host", "none", "private", "container:<id>", "ns:<path>".
   */
  networkMode: string;
  /** -p mappings as given; applied by the networking layer. */
  publish: string[];
  /** Ports the image exposes (from its config), for `port` and -P. */
  exposedPorts: string[];
  // --- networking (engine/src/network): optional, absent in records made before it ---
  /** -P: publish every exposed port on a random host port. */
  publishAll?: boolean;
  /** --dns, --dns-search, --dns-option, --add-host (HOST:IP). */
  dns?: string[];
  dnsSearch?: string[];
  dnsOptions?: string[];
  addHosts?: string[];
  // --- end networking ---
  /** Pod this container belongs to (issue 5): the pod's ID. */
  pod?: string;
  // --- pods (engine/src/pod) ---
  /** The pod's infra container (catatonit holding the shared namespaces). */
  podInfra?: boolean;
  // --- end pods ---
}
