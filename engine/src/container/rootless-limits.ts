// Resource limits a rootless container cannot have. On this kind of host (cgroups v1, or v2
// without a delegated user slice) the user owns no cgroup, so the OCI spec of a rootless
// container carries no resources at all (runtime/oci-spec.ts); podman drops them the same way
// on cgroups v1 and warns. Silently running without a limit that was asked for would surprise.
import { existsSync } from 'node:fs';
import type { ContainerConfig } from './container-config.js';

/** podman's own words for cgroups v1 (pkg/specgen/generate/validate.go). */
export const CGROUPS_V1_WARNING =
  'Resource limits are not supported and ignored on cgroups V1 rootless systems';

/** The limit flags a config asks for (the default pids limit is not the user's request). */
export function requestedLimitFlags(
  config: Pick<ContainerConfig, 'memory' | 'cpus' | 'pidsLimit'>,
): string[] {
  const flags: string[] = [];
  if (config.memory > 0) flags.push('--memory');
  if (config.cpus > 0) flags.push('--cpus');
  if (config.pidsLimit !== undefined && config.pidsLimit > 0) flags.push('--pids-limit');
  return flags;
}

export function isCgroupsV2(): boolean {
  return existsSync('/sys/fs/cgroup/cgroup.controllers');
}

/** The warning for a rootless container's limits, or undefined when it asks for none. */
export function rootlessLimitsWarning(
  config: Pick<ContainerConfig, 'memory' | 'cpus' | 'pidsLimit'>,
  cgroupsV2: boolean = isCgroupsV2(),
): string | undefined {
  const flags = requestedLimitFlags(config);
  if (flags.length === 0) return undefined;
  if (!cgroupsV2) return CGROUPS_V1_WARNING;
  return `Resource limits (${flags.join(', ')}) are ignored: rootless Berth does not use cgroups v2 delegation yet`;
}
