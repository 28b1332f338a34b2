// Collects what `berth info` reports about the host: kernel, CPUs, memory, cgroups, and the
// low-level tools found with their versions.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { HostReport } from '../contract/system-types.js';
import { detectCgroups } from './cgroups.js';
import { probeTool } from './tool-versions.js';
import { goArch } from '../util/go-arch.js';
import { runtimePreference } from '../runtime/oci-runtime-select.js';
import { isRootless } from '../config/store-paths.js';
import { currentIdMappings } from '../rootless/id-mappings.js';
import { inRootlessNamespace } from '../rootless/rootless-env.js';

/** The maps of the namespace this process runs in (rootless: Berth's user namespace). */
function idMappingsReport(): NonNullable<HostReport['idMappings']> {
  const maps = currentIdMappings();
  const entries = (list: typeof maps.uidMap) =>
    list.map((m) => ({ container_id: m.containerId, host_id: m.hostId, size: m.size }));
  return { uidmap: entries(maps.uidMap), gidmap: entries(maps.gidMap) };
}

function readOsRelease(): { distribution: string; version: string; codename: string } {
  const fields: Record<string, string> = {};
  try {
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
      if (m) fields[m[1]!] = m[3]!;
    }
  } catch {
    // no os-release: fields stay empty
  }
  return {
    distribution: fields.ID ?? '',
    version: fields.VERSION_ID ?? '',
    codename: fields.VERSION_CODENAME ?? '',
  };
}

function readSwap(): { swapTotal: number; swapFree: number } {
  try {
    const text = readFileSync('/proc/meminfo', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { swapTotal: kb('SwapTotal'), swapFree: kb('SwapFree') };
  } catch {
    return { swapTotal: 0, swapFree: 0 };
  }
}

/** Go's duration style, as podman prints uptime: "26h 3m 5.41s". */
function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = (seconds % 60).toFixed(2).replace(/\.?0+$/, '');
  return `${h}h ${m}m ${s}s`;
}

function packageOf(file: string): string {
  // Debian's dpkg database says which package installed a binary; best effort, no process spawn.
  try {
    const base = '/var/lib/dpkg/info';
    const candidates = ['runc', 'crun', 'conmon', 'slirp4netns', 'passt'];
    for (const pkg of candidates) {
      for (const suffix of ['.list', ':amd64.list', ':arm64.list']) {
        try {
          if (readFileSync(`${base}/${pkg}${suffix}`, 'utf8').split('\n').includes(file)) return pkg;
        } catch {
          // not this one
        }
      }
    }
  } catch {
    // no dpkg
  }
  return 'Unknown';
}

export async function hostReport(options: { runtime?: string } = {}): Promise<HostReport> {
  const cgroups = detectCgroups();
  const runtimeNames = options.runtime ? [options.runtime] : runtimePreference();
  const [conmon, slirp, pasta, ...runtimes] = await Promise.all([
    probeTool('conmon'),
    probeTool('slirp4netns'),
    probeTool('pasta'),
    ...runtimeNames.map((n) => probeTool(n)),
  ]);
  const runtime = runtimes.find((r) => r !== undefined);
  return {
    arch: goArch(),
    cgroupControllers: cgroups.controllers,
    cgroupManager: 'cgroupfs',
    cgroupVersion: cgroups.version,
    conmon: conmon ? { package: packageOf(conmon.path), path: conmon.path, version: conmon.version } : null,
    cpus: os.availableParallelism(),
    distribution: readOsRelease(),
    eventLogger: 'file',
    hostname: os.hostname(),
    kernel: os.release(),
    memFree: os.freemem(),
    memTotal: os.totalmem(),
    // Rootless containers get pasta (network/pasta-network.ts), never netavark's bridges.
    networkBackend: isRootless() ? 'pasta' : 'netavark',
    ociRuntime: runtime
      ? { name: runtime.name, package: packageOf(runtime.path), path: runtime.path, version: runtime.version }
      : null,
    os: os.platform(),
    security: { rootless: isRootless() },
    ...(inRootlessNamespace() ? { idMappings: idMappingsReport() } : {}),
    slirp4netns: slirp
      ? { executable: slirp.path, package: packageOf(slirp.path), version: slirp.version }
      : null,
    pasta: pasta ? { executable: pasta.path, package: packageOf(pasta.path), version: pasta.version } : null,
    ...readSwap(),
    uptime: formatUptime(os.uptime()),
  };
}
