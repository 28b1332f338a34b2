// Writes the credentials file `login` and `logout` maintain, in containers' auth.json format
// ({"auths": {"host[/namespace]": {"auth": base64("user:password")}}}), at the path podman uses:
// --authfile, $REGISTRY_AUTH_FILE, else ${XDG_RUNTIME_DIR}/containers/auth.json (or
// /run/containers/<uid>/auth.json) — so podman and Berth see each other's logins. Other keys of
// the file (credHelpers, entries we do not touch) are kept. The file is 0600 in a 0700 folder and
// replaced atomically; nothing here logs a secret.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  authFileCandidates,
  CredentialsError,
  normalizeAuthKey,
  type Credentials,
} from './registry-credentials.js';

interface AuthFile {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  [other: string]: unknown;
}

/** The file login writes to and logout removes from. */
export function writableAuthFile(env: NodeJS.ProcessEnv = process.env, authfile?: string): string {
  return authFileCandidates(env, authfile)[0]!;
}

function readAuthFile(file: string): AuthFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as AuthFile;
  } catch {
    // reported below
  }
  throw new CredentialsError(`${file} is not a valid auth file (JSON object expected): fix or remove it`);
}

function writeAuthFile(file: string, content: AuthFile): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(content, null, '\t')}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new CredentialsError(
      `writing credentials to ${file}: ${(error as Error).message}: check the folder's permissions`,
    );
  }
}

/** The stored key for what a user typed: `https://quay.io/` → `quay.io`, Docker Hub's aliases → docker.io. */
export function authKeyFor(registry: string): string {
  return normalizeAuthKey(registry);
}

export function saveCredentials(file: string, registry: string, credentials: Credentials): void {
  const content = readAuthFile(file);
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  content.auths = { ...content.auths, [authKeyFor(registry)]: { auth } };
  writeAuthFile(file, content);
}

/** Removes one registry's entry; false when the file had none. */
export function removeCredentials(file: string, registry: string): boolean {
  const content = readAuthFile(file);
  const key = authKeyFor(registry);
  const found = Object.keys(content.auths ?? {}).find((k) => normalizeAuthKey(k) === key);
  if (found === undefined) return false;
  delete content.auths![found];
  writeAuthFile(file, content);
  return true;
}

/** `logout --all`: every entry of the file goes. */
export function removeAllCredentials(file: string): void {
  const content = readAuthFile(file);
  content.auths = {};
  writeAuthFile(file, content);
}

/** The user name stored for a registry in the file, for `login --get-login`. */
export function storedUsername(file: string, registry: string): string | undefined {
  const key = authKeyFor(registry);
  const entry = Object.entries(readAuthFile(file).auths ?? {}).find(
    ([k]) => normalizeAuthKey(k) === key,
  )?.[1];
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  return decoded.slice(0, Math.max(0, decoded.indexOf(':')));
}

/** Every registry of the file with its user name (never the secret), for the desktop's settings. */
export function storedLogins(file: string): { registry: string; username: string }[] {
  return Object.entries(readAuthFile(file).auths ?? {}).map(([registry, entry]) => {
    const decoded = entry.auth ? Buffer.from(entry.auth, 'base64').toString('utf8') : '';
    return { registry, username: decoded.slice(0, Math.max(0, decoded.indexOf(':'))) };
  });
}
