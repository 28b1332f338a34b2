// Containers and volumes as the engine reports them to front ends. Field names follow podman's
// JSON (`podman ps --format json`, `podman inspect`, `podman volume inspect`) so the desktop app,
// the API service and scripts all read the same shapes; local-engine.ts checks at compile time
// that the engine's values still fit.

/** podman's ps JSON `Ports` entry. */
export interface ContainerPort {
  host_ip: string;
  /** 0 when the network layer picks the host port. */
  host_port: number;
  container_port: number;
  protocol: string;
  /** Consecutive ports the mapping covers. */
  range: number;
}

export type ContainerStatus =
  'created' | 'initialized' | 'running' | 'paused' | 'stopping' | 'exited' | 'removing';

export interface ContainerSummary {
  AutoRemove: boolean;
  Command: string[];
  /** Unix seconds. */
  Created: number;
  CreatedAt: string;
  Exited: boolean;
  /** Unix seconds, 0 while running. */
  ExitedAt: number;
  ExitCode: number;
  Id: string;
  Image: string;
  ImageID: string;
  IsInfra: boolean;
  Labels: Record<string, string> | null;
  Mounts: string[];
  Names: string[];
  Networks: string[];
  Pid: number;
  Pod: string;
  PodName: string;
  Ports: ContainerPort[] | null;
  /** Unix seconds, 0 when never started. */
  StartedAt: number;
  State: ContainerStatus | string;
  Status: string;
  Restarts: number;
}

/** `podman inspect` of a container: the fields front ends read are typed, the rest passes through. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  Image: string;
  ImageName: string;
  RestartCount: number;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Pid: number;
    ExitCode: number;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
    [field: string]: unknown;
  };
  Config: {
    Env?: string[];
    Cmd?: string[];
    Entrypoint?: string[] | string;
    Tty?: boolean;
    OpenStdin?: boolean;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    [field: string]: unknown;
  };
  HostConfig: {
    RestartPolicy?: { Name: string; MaximumRetryCount: number };
    [field: string]: unknown;
  };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
  [field: string]: unknown;
}

/** One line of a container's log: the items of `containers.logs`. */
export interface ContainerLogLine {
  stream: 'stdout' | 'stderr';
  /** RFC 3339 with nanoseconds, as conmon wrote it. */
  time: string;
  /** The line without its newline. */
  text: string;
  /** False for output that did not end in a newline (yet). */
  complete: boolean;
}

/** One sample of a container's resource use: the items of `containers.stats`. */
export interface ContainerStatsSample {
  id: string;
  name: string;
  /** When the sample was taken, Unix nanoseconds. */
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

/** `top`: a header row then one row per process, or the lines an exec'd ps(1) printed. */
export type ContainerTopReport = { rows: string[][] } | { lines: string[] };

export interface ContainerRemovalProblem {
  id: string;
  message: string;
}

export interface ContainerPruneReport {
  removed: string[];
  errors: ContainerRemovalProblem[];
}

/** `podman volume inspect` (and `volume ls --format json`). */
export interface VolumeInspect {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt: string;
  Labels: Record<string, string>;
  Scope: string;
  Options: Record<string, string>;
  UID?: number;
  GID?: number;
  Anonymous?: boolean;
  MountCount: number;
  NeedsCopyUp?: boolean;
  NeedsChown?: boolean;
}

export interface VolumeRemovalReport {
  removed: string[];
  /** code: not-found, conflict (in use: retry with force), or engine. */
  errors: Array<{ message: string; code: string }>;
}
