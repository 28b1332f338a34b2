// System information as the engine reports it. Field names follow podman's JSON (`podman info
// --format json`, `podman version --format json`) so that scripts' templates keep working.

export interface VersionDetails {
  APIVersion: string;
  Version: string;
  NodeVersion: string;
  GitCommit: string;
  /** Unix seconds. */
  BuiltTime: number;
  Built: string;
  OsArch: string;
  Os: string;
}

export interface VersionReport {
  Client: VersionDetails;
  Server?: VersionDetails;
}

export interface ToolReport {
  name?: string;
  package: string;
  path: string;
  version: string;
}

export interface IdMapEntry {
  container_id: number;
  host_id: number;
  size: number;
}

export interface HostReport {
  arch: string;
  cgroupControllers: string[];
  cgroupManager: string;
  cgroupVersion: string;
  conmon: ToolReport | null;
  cpus: number;
  distribution: { distribution: string; version: string; codename: string };
  eventLogger: string;
  hostname: string;
  kernel: string;
  memFree: number;
  memTotal: number;
  networkBackend: string;
  ociRuntime: ToolReport | null;
  os: string;
  security: { rootless: boolean };
  /** Rootless only: the user namespace's maps, as podman's `idMappings`. */
  idMappings?: { uidmap: IdMapEntry[]; gidmap: IdMapEntry[] };
  slirp4netns: { executable: string; package: string; version: string } | null;
  pasta: { executable: string; package: string; version: string } | null;
  swapFree: number;
  swapTotal: number;
  uptime: string;
}

export interface StoreReport {
  configFile: string;
  containerStore: { number: number; paused: number; running: number; stopped: number };
  graphDriverName: string;
  graphOptions: Record<string, string>;
  graphRoot: string;
  imageStore: { number: number };
  runRoot: string;
  volumePath: string;
}

export interface InfoReport {
  host: HostReport;
  store: StoreReport;
  version: VersionDetails;
}
