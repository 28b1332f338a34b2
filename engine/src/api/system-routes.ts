// System routes of the Docker API: `_ping` (what clients negotiate the version with), `version`,
// `info` and `system/df`, answered from the same reports `berth version` and `berth info` print
// and from the store's records.
import os from 'node:os';
import { listContainerRecords } from '../container/container-records.js';
import { syncContainers } from '../container/container-sync.js';
import { containerDiskUsage } from '../container/container-size.js';
import { listImageRecords } from '../image/image-records.js';
import { summarizeImage } from '../image/image-summary.js';
import { hostReport } from '../system/host-info.js';
import { versionDetails } from '../system/version-details.js';
import { goArch } from '../util/go-arch.js';
import { inspectVolume, listVolumeRecords } from '../volume/index.js';
import { sendJson, type Exchange, type Route } from './api-context.js';
import { API_VERSION, MIN_API_VERSION } from './api-version.js';
import { dockerSummary } from './container-shapes.js';
import { dockerImageSummary } from './image-shapes.js';

function ping(x: Exchange): Promise<void> {
  x.res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache, no-store, must-revalidate',
    Pragma: 'no-cache',
    'Api-Version': API_VERSION,
    'Builder-Version': '1',
    'Docker-Experimental': 'false',
    Ostype: 'linux',
  });
  x.res.end(x.req.method === 'HEAD' ? undefined : 'OK');
  return Promise.resolve();
}

function version(x: Exchange): Promise<void> {
  const details = versionDetails();
  const kernel = os.release();
  const built = new Date(details.BuiltTime * 1000).toISOString();
  sendJson(x.res, 200, {
    Platform: { Name: 'Berth Engine' },
    Components: [
      {
        Name: 'Engine',
        Version: details.Version,
        Details: {
          ApiVersion: API_VERSION,
          Arch: goArch(),
          BuildTime: built,
          Experimental: 'false',
          GitCommit: details.GitCommit,
          GoVersion: `node ${process.version}`,
          KernelVersion: kernel,
          MinAPIVersion: MIN_API_VERSION,
          Os: 'linux',
        },
      },
    ],
    Version: details.Version,
    ApiVersion: API_VERSION,
    MinAPIVersion: MIN_API_VERSION,
    GitCommit: details.GitCommit,
    GoVersion: `node ${process.version}`,
    Os: 'linux',
    Arch: goArch(),
    KernelVersion: kernel,
    BuildTime: built,
  });
  return Promise.resolve();
}

async function info(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const host = await hostReport({ runtime: x.ctx.runtime });
  const containers = await syncContainers(store, listContainerRecords(store.db));
  const count = (...statuses: string[]) => containers.filter((c) => statuses.includes(c.state.status)).length;
  const running = count('running', 'stopping');
  const paused = count('paused');
  const runtimeName = host.ociRuntime?.name ?? 'runc';
  sendJson(x.res, 200, {
    ID: store.paths.graphRoot,
    Containers: containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: containers.length - running - paused,
    Images: listImageRecords(store.db).length,
    Driver: 'overlay',
    DriverStatus: [
      ['Backing Filesystem', 'overlayfs'],
      ['Supports d_type', 'true'],
    ],
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'none'],
      Authorization: null,
      Log: ['k8s-file'],
    },
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    BridgeNfIptables: false,
    BridgeNfIp6tables: false,
    Debug: false,
    NFd: 0,
    OomKillDisable: false,
    NGoroutines: 0,
    SystemTime: new Date().toISOString(),
    LoggingDriver: 'k8s-file',
    CgroupDriver: host.cgroupManager,
    CgroupVersion: host.cgroupVersion.replace(/^v/, ''),
    NEventsListener: 0,
    KernelVersion: host.kernel,
    OperatingSystem: host.distribution.distribution
      ? `${host.distribution.distribution} ${host.distribution.version}`.trim()
      : 'linux',
    OSVersion: host.distribution.version,
    OSType: 'linux',
    Architecture: host.arch,
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [],
      AllowNondistributableArtifactsHostnames: [],
      InsecureRegistryCIDRs: ['127.0.0.0/8'],
      IndexConfigs: {},
      Mirrors: [],
    },
    NCPU: host.cpus,
    MemTotal: host.memTotal,
    GenericResources: null,
    DockerRootDir: store.paths.graphRoot,
    HttpProxy: process.env.HTTP_PROXY ?? process.env.http_proxy ?? '',
    HttpsProxy: process.env.HTTPS_PROXY ?? process.env.https_proxy ?? '',
    NoProxy: process.env.NO_PROXY ?? process.env.no_proxy ?? '',
    Name: host.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: versionDetails().Version,
    Runtimes: { [runtimeName]: { path: host.ociRuntime?.path ?? runtimeName } },
    DefaultRuntime: runtimeName,
    Swarm: {
      NodeID: '',
      NodeAddr: '',
      LocalNodeState: 'inactive',
      ControlAvailable: false,
      Error: '',
      RemoteManagers: null,
    },
    LiveRestoreEnabled: false,
    Isolation: '',
    InitBinary: 'catatonit',
    ContainerdCommit: { ID: '' },
    RuncCommit: { ID: '' },
    InitCommit: { ID: '' },
    SecurityOptions: host.security.rootless ? ['name=rootless'] : [],
    Warnings: [],
  });
}

async function diskUsage(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const images = listImageRecords(store.db).map((r) => dockerImageSummary(summarizeImage(store.db, r)));
  const records = await syncContainers(store, listContainerRecords(store.db));
  const containers = records.map((r) => {
    const usage = containerDiskUsage(store, r);
    return { ...dockerSummary(store, r), SizeRw: usage.rw, SizeRootFs: usage.rootFs };
  });
  const volumes = listVolumeRecords(store.db).map((v) => ({
    ...inspectVolume(v),
    UsageData: { Size: -1, RefCount: v.mountCount },
  }));
  sendJson(x.res, 200, {
    LayersSize: images.reduce((sum, i) => sum + (i.Size as number), 0),
    Images: images,
    Containers: containers,
    Volumes: volumes,
    BuildCache: [],
  });
}

export const SYSTEM_ROUTES: Route[] = [
  { method: 'GET', path: '/_ping', handle: ping },
  { method: 'HEAD', path: '/_ping', handle: ping },
  { method: 'GET', path: '/version', handle: version },
  { method: 'GET', path: '/info', handle: info },
  { method: 'GET', path: '/system/df', handle: diskUsage },
];
