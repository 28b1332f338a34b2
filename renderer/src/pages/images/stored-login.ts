// Which stored login a push goes out with: the engine takes the auth file's entry for the most
// specific of host/a/b, host/a and host (config/registry-credentials.ts); the push dialog shows
// the same choice before the push starts.
import type { RegistryLogin } from '../../../../engine/src/contract/registry-types.js';

/** `host/path` of a reference (tag, digest and `docker://` left out); short names are Docker Hub's. */
export function repositoryOf(reference: string): string {
  let name = reference.trim().replace(/^docker:\/\//, '');
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) name = name.slice(0, colon);
  const first = name.split('/')[0]!;
  if (name.includes('/') && (/[.:]/.test(first) || first === 'localhost')) return name;
  return `docker.io/${name.includes('/') ? name : `library/${name}`}`;
}

/** An auth file key as the engine compares them: no scheme, no trailing path of Docker Hub's. */
function normalizeKey(key: string): string {
  const bare = key.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const hub = bare.replace(/\/v[12]$/, '');
  return hub === 'index.docker.io' || hub === 'registry-1.docker.io' ? 'docker.io' : bare;
}

export function loginFor(reference: string, logins: readonly RegistryLogin[]): RegistryLogin | undefined {
  const byKey = new Map(logins.map((login) => [normalizeKey(login.registry), login]));
  for (let key = repositoryOf(reference); ; key = key.slice(0, key.lastIndexOf('/'))) {
    const login = byKey.get(key);
    if (login) return login;
    if (!key.includes('/')) return undefined;
  }
}
