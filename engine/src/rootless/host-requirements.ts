// What rootless mode needs from the host, checked before anything is started, so that a missing
// piece is one `Error:` line saying what is missing and the command or package that fixes it:
// newuidmap/newgidmap (setuid root, from uidmap), unshare and nsenter (util-linux), catatonit, and
// a subordinate ID range in /etc/subuid and /etc/subgid. The host's answers come through
// RootlessHost, so tests can describe hosts this one is not.
import { readFileSync, statSync } from 'node:fs';
import { findExecutable } from '../util/find-executable.js';
import { RootlessSetupError } from './rootless-errors.js';

export interface RootlessHost {
  findExecutable(name: string): string | undefined;
  /** Owner and mode of a file (throws when it is missing). */
  stat(file: string): { uid: number; mode: number };
  readText(file: string): string;
}

export const realRootlessHost: RootlessHost = {
  findExecutable: (name) => findExecutable(name),
  stat: (file) => statSync(file),
  readText: (file) => readFileSync(file, 'utf8'),
};

export interface RootlessTools {
  newuidmap: string;
  newgidmap: string;
  unshare: string;
  catatonit: string;
}

function requireTool(host: RootlessHost, name: string, pkg: string, why: string): string {
  const found = host.findExecutable(name);
  if (!found)
    throw new RootlessSetupError(
      `${name} was not found: rootless Berth needs it ${why}: install ${pkg} (apt-get install ${pkg})`,
    );
  return found;
}

function requireSetuid(host: RootlessHost, file: string): void {
  const stat = host.stat(file);
  if ((stat.mode & 0o4000) === 0 || stat.uid !== 0)
    throw new RootlessSetupError(
      `${file} is not setuid root, so it cannot write the user namespace's ID map: reinstall it (apt-get install --reinstall uidmap) or run \`chmod u+s ${file}\` as root`,
    );
}

/** The programs the pause process is made with; throws with the package to install. */
export function requireRootlessTools(host: RootlessHost = realRootlessHost): RootlessTools {
  const newuidmap = requireTool(host, 'newuidmap', 'uidmap', 'to map subordinate user IDs');
  const newgidmap = requireTool(host, 'newgidmap', 'uidmap', 'to map subordinate group IDs');
  requireSetuid(host, newuidmap);
  requireSetuid(host, newgidmap);
  const unshare = requireTool(host, 'unshare', 'util-linux', 'to create the user namespace');
  const catatonit = requireTool(
    host,
    'catatonit',
    'catatonit',
    'as the pause process that keeps the user namespace',
  );
  return { newuidmap, newgidmap, unshare, catatonit };
}
