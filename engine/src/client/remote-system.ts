// The system domain over an API service: `version` (this client and the service's server),
// `info` from podman's libpod route where the service has it (Berth, podman), else from Docker's
// `/info` mapped onto the same report.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { InfoReport, VersionDetails } from '../contract/system-types.js';
import { EngineError } from '../service/engine-error.js';
import { versionDetails } from '../system/version-details.js';
import { DOCKER, LIBPOD, type RemoteContext } from './remote-context.js';

type SystemCalls = DomainCalls<'system'>;
type Json = Record<string, unknown>;

function serverVersion(v: Json): VersionDetails {
  const built = String(v.BuildTime ?? '');
  const builtMs = Date.parse(built);
  return {
    APIVersion: String(v.ApiVersion ?? ''),
    Version: String(v.Version ?? ''),
    NodeVersion: String(v.GoVersion ?? ''),
    GitCommit: String(v.GitCommit ?? ''),
    BuiltTime: Number.isNaN(builtMs) ? 0 : Math.floor(builtMs / 1000),
    Built: built,
    OsArch: `${String(v.Os ?? 'linux')}/${String(v.Arch ?? '')}`,
    Os: String(v.Os ?? 'linux'),
  };
}

/** Docker's `/info` as podman's info report (what dockerd does not say stays empty). */
function infoFromDocker(i: Json, version: VersionDetails): InfoReport {
  const security = Array.isArray(i.SecurityOptions) ? i.SecurityOptions.map(String) : [];
  return {
    host: {
      arch: String(i.Architecture ?? ''),
      cgroupControllers: [],
      cgroupManager: String(i.CgroupDriver ?? ''),
      cgroupVersion: `v${String(i.CgroupVersion ?? '')}`,
      conmon: null,
      cpus: Number(i.NCPU ?? 0),
      distribution: {
        distribution: String(i.OperatingSystem ?? ''),
        version: String(i.OSVersion ?? ''),
        codename: '',
      },
      eventLogger: '',
      hostname: String(i.Name ?? ''),
      kernel: String(i.KernelVersion ?? ''),
      memFree: 0,
      memTotal: Number(i.MemTotal ?? 0),
      networkBackend: '',
      ociRuntime: { name: String(i.DefaultRuntime ?? ''), package: '', path: '', version: '' },
      os: String(i.OSType ?? 'linux'),
      security: { rootless: security.some((s) => s.includes('rootless')) },
      slirp4netns: null,
      pasta: null,
      swapFree: 0,
      swapTotal: 0,
      uptime: '',
    },
    store: {
      configFile: '',
      containerStore: {
        number: Number(i.Containers ?? 0),
        paused: Number(i.ContainersPaused ?? 0),
        running: Number(i.ContainersRunning ?? 0),
        stopped: Number(i.ContainersStopped ?? 0),
      },
      graphDriverName: String(i.Driver ?? ''),
      graphOptions: {},
      graphRoot: String(i.DockerRootDir ?? ''),
      imageStore: { number: Number(i.Images ?? 0) },
      runRoot: '',
      volumePath: '',
    },
    version,
  };
}

export function remoteSystemCalls({ api }: RemoteContext): SystemCalls {
  const server = async () => serverVersion(await api.json<Json>('GET', `${DOCKER}/version`));
  return {
    'system.version': async () => ({ Client: versionDetails(), Server: await server() }),
    'system.info': async () => {
      try {
        return await api.json<InfoReport>('GET', `${LIBPOD}/info`);
      } catch (error) {
        // dockerd has no libpod routes: its own /info says less, in other words.
        if (!(error instanceof EngineError && error.wireCode === 'not-found')) throw error;
      }
      const [info, version] = await Promise.all([api.json<Json>('GET', `${DOCKER}/info`), server()]);
      return infoFromDocker(info, version);
    },
  };
}
