// Registry credentials from the files podman and docker write (`podman login`, `docker login`),
// so that a user logged in with either tool can pull with Berth. Order, first match wins:
//   --creds user:pass
//   --authfile, or $REGISTRY_AUTH_FILE       (only that file, as podman does)
//   ${XDG_RUNTIME_DIR}/containers/auth.json  (/run/containers/<uid>/auth.json when unset)
//   ~/.config/containers/auth.json
//   ~/.docker/config.json, ~/.dockercfg
// Inside a file, a key may name a host or a repository (`quay.io/org/repo`): the most specific wins.
// Credentials are returned to the caller only; nothing here logs them.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Credentials {
  username: string;
  password: string;
  /** An identity token (docker's `identitytoken`) used as an OAuth2 refresh token. */
  identityToken?: string;
}

export class CredentialsError extends Error {
  readonly exitCode = 125;
}

/** Parses `--creds user[:password]`. */
export function parseCredsFlag(value: string): Credentials {
  const colon = value.indexOf(':');
  const username = colon === -1 ? value : value.slice(0, colon);
  const password = colon === -1 ? '' : value.slice(colon + 1);
  if (username === '')
    throw new CredentialsError('--creds: the user name is empty: use --creds user:password');
  return { username, password };
}

export function authFileCandidates(env: NodeJS.ProcessEnv = process.env, authfile?: string): string[] {
  const explicit = authfile || env.REGISTRY_AUTH_FILE;
  if (explicit) return [explicit];
  const home = env.HOME || os.homedir();
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const runtimeDir = env.XDG_RUNTIME_DIR || `/run/containers/${uid}`;
  const configHome = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return [
    env.XDG_RUNTIME_DIR
      ? path.join(runtimeDir, 'containers', 'auth.json')
      : path.join(runtimeDir, 'auth.json'),
    path.join(configHome, 'containers', 'auth.json'),
    path.join(home, '.docker', 'config.json'),
    path.join(home, '.dockercfg'),
  ];
}

/** Normalises an auths key: drops a scheme and docker's `/v1/` suffix, maps Docker Hub's aliases. */
export function normalizeAuthKey(key: string): string {
  let k = key.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (/\/v[12]$/.test(k) && !k.slice(0, -3).includes('/')) k = k.slice(0, -3);
  if (k === 'index.docker.io' || k === 'registry-1.docker.io') return 'docker.io';
  return k;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

function decodeEntry(entry: AuthEntry, file: string, key: string): Credentials | undefined {
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1)
      throw new CredentialsError(
        `${file}: the "auth" value for "${key}" is not base64 of user:password: run berth login again`,
      );
    return {
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
      identityToken: entry.identitytoken || undefined,
    };
  }
  if (entry.username !== undefined)
    return {
      username: entry.username,
      password: entry.password ?? '',
      identityToken: entry.identitytoken || undefined,
    };
  if (entry.identitytoken) return { username: '<token>', password: '', identityToken: entry.identitytoken };
  return undefined;
}

function readAuths(file: string): Record<string, AuthEntry> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CredentialsError(`${file} is not valid JSON: fix or remove it (berth login rewrites it)`);
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const auths =
    (parsed as { auths?: unknown }).auths ?? (path.basename(file) === '.dockercfg' ? parsed : undefined);
  return typeof auths === 'object' && auths !== null ? (auths as Record<string, AuthEntry>) : undefined;
}

/**
 * Credentials for a repository (`host[:port]/path`), or undefined for anonymous access.
 * `registry` is the host the request goes to (a mirror may differ from the name's host).
 */
export function lookupCredentials(
  registry: string,
  repository: string,
  options: { creds?: string; authfile?: string; env?: NodeJS.ProcessEnv } = {},
): Credentials | undefined {
  if (options.creds) return parseCredsFlag(options.creds);
  const host = normalizeAuthKey(registry);
  const full = `${host}/${repository}`;
  // Most specific first: host/a/b/c, host/a/b, host/a, host.
  const wanted: string[] = [];
  for (let p = full; p.includes('/'); p = p.slice(0, p.lastIndexOf('/'))) wanted.push(p);
  wanted.push(host);
  for (const file of authFileCandidates(options.env, options.authfile)) {
    const auths = readAuths(file);
    if (!auths) continue;
    const byKey = new Map(Object.entries(auths).map(([k, v]) => [normalizeAuthKey(k), { key: k, entry: v }]));
    for (const key of wanted) {
      const hit = byKey.get(key);
      if (!hit) continue;
      const creds = decodeEntry(hit.entry, file, hit.key);
      if (creds) return creds;
    }
  }
  return undefined;
}
