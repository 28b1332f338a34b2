// `inspect` of a container with podman's field names: scripts read these (State.Status,
// State.Pid, Config.Env, HostConfig.RestartPolicy...), so the shape follows podman's exactly
// where Berth has the information, with podman's zero values elsewhere.
import { getImageRecord } from '../image/image-records.js';
import { imageLowerDirs } from './container-rootfs.js';
import { containerPaths } from './container-paths.js';
import type { Store } from '../state/store.js';
import type { ContainerRecord } from './container-records.js';
import { formatRestartPolicy } from './restart-policy.js';
import { ociCapabilities } from '../runtime/capabilities.js';
import { containerNetworkSettings, hostConfigPortBindings } from '../network/network-inspect.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

function mountsOf(store: Store, record: ContainerRecord): unknown[] {
  return record.config.mounts
    .filter((m) => m.type !== 'tmpfs')
    .map((m) => {
      const rw = !m.readonly;
      if (m.type === 'bind')
        return {
          Type: 'bind',
          Source: m.source,
          Destination: m.destination,
          Driver: '',
          Mode: '',
          Options: ['rbind'],
          RW: rw,
          Propagation: 'rprivate',
        };
      return {
        Type: 'volume',
        Name: m.name,
        Source: `${store.paths.volumePath}/${m.name}/_data`,
        Destination: m.destination,
        Driver: 'local',
        Mode: '',
        Options: ['nosuid', 'nodev', 'rbind'],
        RW: rw,
        Propagation: 'rprivate',
      };
    });
}

export function inspectContainer(store: Store, record: ContainerRecord): Record<string, unknown> {
  const { config, state } = record;
  const paths = containerPaths(store.paths, record.id);
  const image = getImageRecord(store.db, record.imageId);
  let lowerDir: string;
  try {
    lowerDir = image ? imageLowerDirs(store.paths, image).join(':') : '';
  } catch {
    lowerDir = ''; // a layer went missing: inspect still works
  }
  const args = [...config.entrypoint, ...config.command];
  const running = state.status === 'running' || state.status === 'paused' || state.status === 'stopping';
  const caps = ociCapabilities({
    capAdd: config.capAdd,
    capDrop: config.capDrop,
    privileged: config.privileged,
    uid: 0,
  });
  const binds = config.mounts.flatMap((m) =>
    m.type === 'bind'
      ? [
          `${m.source}:${m.destination}:${[m.readonly ? 'ro' : 'rw', ...m.options.filter((o) => o !== 'ro' && o !== 'rw'), 'rprivate', 'rbind'].join(',')}`,
        ]
      : m.type === 'volume' && !m.anonymous
        ? [
            `${m.name}:${m.destination}:${[m.readonly ? 'ro' : 'rw', 'rprivate', 'nosuid', 'nodev', 'rbind'].join(',')}`,
          ]
        : [],
  );
  const tmpfs: Record<string, string> = {};
  for (const m of config.mounts)
    if (m.type === 'tmpfs')
      tmpfs[m.destination] = ['rw', 'rprivate', 'nosuid', 'nodev', ...m.options].join(',');
  return {
    Id: record.id,
    Created: record.createdAt,
    Path: args[0] ?? '',
    Args: args.slice(1),
    State: {
      OciVersion: '1.0.2-dev',
      Status: state.status,
      Running: state.status === 'running',
      Paused: state.status === 'paused',
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? state.pid : 0,
      ConmonPid: running ? state.conmonPid : 0,
      ExitCode: state.exitCode,
      Error: state.error,
      StartedAt: state.startedAt || ZERO_TIME,
      FinishedAt: state.finishedAt || ZERO_TIME,
      CheckpointedAt: ZERO_TIME,
      RestoredAt: ZERO_TIME,
    },
    Image: record.imageId,
    ImageDigest: image?.manifestDigest ?? '',
    ImageName: config.imageName,
    Rootfs: '',
    Pod: config.pod ?? '',
    ResolvConfPath: `${paths.runDir}/resolv.conf`,
    HostnamePath: `${paths.runDir}/hostname`,
    HostsPath: `${paths.runDir}/hosts`,
    StaticDir: paths.bundleDir,
    OCIConfigPath: paths.configPath,
    OCIRuntime: record.runtime,
    ConmonPidFile: paths.conmonPidFile,
    PidFile: paths.pidFile,
    Name: record.name,
    RestartCount: state.restartCount,
    Driver: 'overlay',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    EffectiveCaps: caps.effective,
    BoundingCaps: caps.bounding,
    ExecIDs: [],
    GraphDriver: {
      Name: 'overlay',
      Data: {
        LowerDir: lowerDir,
        UpperDir: paths.upperDir,
        WorkDir: paths.workDir,
        MergedDir: paths.mergedDir,
      },
    },
    Mounts: mountsOf(store, record),
    Dependencies: [],
    // Networking (engine/src/network): addresses, MAC, ports and networks from the sandbox.
    NetworkSettings: containerNetworkSettings(store.db, record),
    Namespace: '',
    IsInfra: false,
    IsService: false,
    Config: {
      Hostname: config.hostname,
      Domainname: '',
      User: config.user,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: config.tty,
      OpenStdin: config.interactive,
      StdinOnce: false,
      Env: config.env,
      Cmd: config.command,
      Image: config.imageName,
      Volumes: null,
      WorkingDir: config.workdir,
      Entrypoint: config.entrypoint.join(' '),
      OnBuild: null,
      Labels: Object.keys(config.labels).length > 0 ? config.labels : null,
      Annotations: config.annotations,
      StopSignal: config.stopSignal,
      CreateCommand: [],
      Umask: '0022',
      Timeout: 0,
      StopTimeout: config.stopTimeout,
      Passwd: true,
    },
    HostConfig: {
      Binds: binds,
      CgroupManager: 'cgroupfs',
      CgroupMode: 'private',
      ContainerIDFile: '',
      LogConfig: {
        Type: 'k8s-file',
        Config: null,
        Path: paths.logPath,
        Tag: '',
        Size: config.logSizeMax > 0 ? String(config.logSizeMax) : '0B',
      },
      NetworkMode: config.networkMode,
      PortBindings: hostConfigPortBindings(record),
      RestartPolicy: {
        Name:
          config.restartPolicy.name === 'no'
            ? ''
            : formatRestartPolicy({ ...config.restartPolicy, maxRetries: 0 }),
        MaximumRetryCount: config.restartPolicy.maxRetries,
      },
      AutoRemove: config.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      CapAdd: config.capAdd,
      CapDrop: config.capDrop,
      Dns: config.dns ?? [],
      DnsOptions: config.dnsOptions ?? [],
      DnsSearch: config.dnsSearch ?? [],
      ExtraHosts: config.addHosts ?? [],
      GroupAdd: config.groupAdd,
      IpcMode: 'shareable',
      Cgroup: '',
      Cgroups: 'default',
      Links: null,
      OomScoreAdj: 0,
      PidMode: 'private',
      Privileged: config.privileged,
      PublishAllPorts: config.publishAll ?? false,
      ReadonlyRootfs: config.readOnly,
      SecurityOpt: config.seccomp === 'unconfined' ? ['seccomp=unconfined'] : [],
      Tmpfs: tmpfs,
      UTSMode: 'private',
      UsernsMode: '',
      ShmSize: config.shmSize ?? 65536000,
      Runtime: 'oci',
      ConsoleSize: [0, 0],
      Isolation: '',
      CpuShares: 0,
      Memory: config.memory,
      NanoCpus: Math.round(config.cpus * 1e9),
      CgroupParent: '',
      BlkioWeight: 0,
      CpuPeriod: config.cpus > 0 ? 100000 : 0,
      CpuQuota: config.cpus > 0 ? Math.round(config.cpus * 100000) : 0,
      MemoryReservation: 0,
      MemorySwap: 0,
      PidsLimit: config.pidsLimit === undefined ? 2048 : Math.max(config.pidsLimit, 0),
      Ulimits: config.ulimits.map((u) => ({ Name: u.type, Soft: u.soft, Hard: u.hard })),
      CgroupConf: null,
      Init: config.init,
    },
  };
}
