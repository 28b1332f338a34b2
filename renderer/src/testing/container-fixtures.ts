// Containers and volumes as the engine reports them, for component tests.
import type {
  ContainerInspect,
  ContainerPort,
  ContainerSummary,
  VolumeInspect,
} from '../../../engine/src/contract/container-types.js';

export function containerSummary(
  id: string,
  name: string,
  options: {
    state?: string;
    image?: string;
    created?: number;
    exitCode?: number;
    ports?: ContainerPort[] | null;
  } = {},
): ContainerSummary {
  const state = options.state ?? 'running';
  return {
    AutoRemove: false,
    Command: ['sh', '-c', 'sleep 1000'],
    Created: options.created ?? 1_700_000_000,
    CreatedAt: '2023-11-14T22:13:20Z',
    Exited: state === 'exited',
    ExitedAt: 0,
    ExitCode: options.exitCode ?? 0,
    Id: id.padEnd(64, '0'),
    Image: options.image ?? '127.0.0.1:5000/library/busybox:latest',
    ImageID: 'b0b0'.padEnd(64, '0'),
    IsInfra: false,
    Labels: null,
    Mounts: [],
    Names: [name],
    Networks: [],
    Pid: state === 'running' ? 4242 : 0,
    Pod: '',
    PodName: '',
    Ports: options.ports ?? null,
    StartedAt: 1_700_000_100,
    State: state,
    Status: '',
    Restarts: 0,
  };
}

export function containerInspect(summary: ContainerSummary): ContainerInspect {
  return {
    Id: summary.Id,
    Name: summary.Names[0]!,
    Created: summary.CreatedAt,
    Path: summary.Command[0]!,
    Args: summary.Command.slice(1),
    Image: summary.ImageID,
    ImageName: summary.Image,
    RestartCount: 0,
    State: {
      Status: summary.State,
      Running: summary.State === 'running',
      Paused: summary.State === 'paused',
      Pid: summary.Pid,
      ExitCode: summary.ExitCode,
      Error: '',
      StartedAt: '2023-11-14T22:15:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Config: { Env: ['PATH=/usr/bin:/bin', 'GREETING=hi'], Cmd: summary.Command, Tty: false },
    HostConfig: { RestartPolicy: { Name: 'always', MaximumRetryCount: 0 } },
    Mounts: [
      {
        Type: 'volume',
        Name: 'data',
        Source: '/var/lib/berth/volumes/data/_data',
        Destination: '/data',
        RW: true,
      },
    ],
  };
}

export function volumeInspect(
  name: string,
  options: { mountCount?: number; anonymous?: boolean } = {},
): VolumeInspect {
  return {
    Name: name,
    Driver: 'local',
    Mountpoint: `/var/lib/berth/volumes/${name}/_data`,
    CreatedAt: '2023-11-14T22:13:20Z',
    Labels: {},
    Scope: 'local',
    Options: {},
    MountCount: options.mountCount ?? 0,
    ...(options.anonymous ? { Anonymous: true } : {}),
  };
}
