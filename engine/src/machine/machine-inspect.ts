// `machine inspect` and `machine ls --format json` as podman prints them. ConnectionInfo.PodmanSocket
// is the host end of the forwarded API socket: what connections and DOCKER_HOST point at.
import type { MachineView } from './machine-service.js';

export interface MachineInspect {
  ConfigDir: { Path: string };
  ConnectionInfo: { PodmanSocket: { Path: string }; PodmanPipe: null };
  Created: string;
  LastUp: string;
  Name: string;
  Resources: { CPUs: number; DiskSize: number; Memory: number; USBs: [] };
  SSHConfig: { IdentityPath: string; Port: number; RemoteUsername: string };
  State: string;
  UserModeNetworking: boolean;
  Rootful: boolean;
  Rosetta: boolean;
  VMType: string;
  Image: { Path: string; Source: string };
  Mounts: { Source: string; Target: string; Tag: string }[];
  ConsoleLog: string;
}

const NEVER = '0001-01-01T00:00:00Z';

export function inspectMachine(view: MachineView): MachineInspect {
  const { config, paths } = view.record;
  return {
    ConfigDir: { Path: paths.dataDir },
    ConnectionInfo: { PodmanSocket: { Path: paths.apiSocket }, PodmanPipe: null },
    Created: config.created,
    LastUp: config.lastUp ?? NEVER,
    Name: config.name,
    Resources: { CPUs: config.cpus, DiskSize: config.diskGiB, Memory: config.memoryMiB, USBs: [] },
    SSHConfig: { IdentityPath: paths.sshKey, Port: view.sshPort ?? 0, RemoteUsername: config.remoteUsername },
    State: view.status,
    UserModeNetworking: true,
    Rootful: config.rootful,
    Rosetta: false,
    VMType: config.vmType,
    Image: { Path: config.image.dir, Source: config.image.source },
    Mounts: config.mounts.map((mount) => ({ Source: mount.source, Target: mount.target, Tag: mount.tag })),
    ConsoleLog: paths.consoleLog,
  };
}
