// Finds helper binaries (runc, conmon, netavark...) on PATH and in the places distributions put
// them outside PATH (Debian: /usr/sbin for runc, /usr/lib/podman for netavark and aardvark-dns).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const EXTRA_DIRS = [
  '/usr/local/libexec/podman',
  '/usr/local/lib/podman',
  '/usr/libexec/podman',
  '/usr/lib/podman',
  '/usr/local/sbin',
  '/usr/sbin',
  '/sbin',
];

/**
 * Where a name was found, per PATH: a container's start and removal look up the same helpers
 * (netavark, aardvark-dns, unshare, umount, conmon) several times, each a dozen access() calls.
 * Only finds are kept: a helper installed while a process runs is seen at its next lookup.
 */
const found = new Map<string, string>();

export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  const key = `${env.PATH ?? ''}\0${name}`;
  const known = found.get(key);
  if (known !== undefined && isExecutable(known)) return known;
  const dirs = [...(env.PATH ?? '').split(':').filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) {
      found.set(key, candidate);
      return candidate;
    }
  }
  found.delete(key);
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
