// Picks the OCI runtime: the one asked for (--runtime, containers.conf), else the host's working
// default. crun refuses cgroup v1/hybrid hosts ("cgroups in hybrid mode not supported"), so there
// runc comes first; on a pure cgroup v2 host crun does, as in podman.
import path from 'node:path';
import { detectCgroups } from '../system/cgroups.js';
import { findExecutable } from '../util/find-executable.js';

export interface OciRuntimeChoice {
  name: string;
  path: string;
}

export class RuntimeNotFoundError extends Error {
  readonly exitCode = 125;
}

export function runtimePreference(): string[] {
  const cgroups = detectCgroups();
  return cgroups.version === 'v2' ? ['crun', 'runc'] : ['runc', 'crun'];
}

export function selectOciRuntime(requested?: string): OciRuntimeChoice {
  if (requested) {
    const found = findExecutable(requested);
    if (!found) {
      throw new RuntimeNotFoundError(
        `OCI runtime "${requested}" not found: install it (apt-get install ${path.basename(requested)}) or choose another with --runtime`,
      );
    }
    return { name: path.basename(requested), path: found };
  }
  for (const name of runtimePreference()) {
    const found = findExecutable(name);
    if (found) return { name, path: found };
  }
  throw new RuntimeNotFoundError('no OCI runtime found: install runc or crun (apt-get install runc)');
}
