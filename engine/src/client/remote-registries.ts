// The registries domain for a remote engine: logins stay on this machine, in the user's auth
// file (as podman's remote client keeps them), and go to the service with each pull as Docker's
// X-Registry-Auth header.
import type { DomainCalls } from '../contract/engine-contract.js';
import { lookupCredentials } from '../config/registry-credentials.js';
import { registryCalls, registryErrorCode } from '../engine/registry-handlers.js';
import { withErrorCodes } from '../engine/image-handlers.js';

type RegistryCalls = DomainCalls<'registries'>;

export function remoteRegistryCalls(): RegistryCalls {
  return withErrorCodes(registryCalls(), registryErrorCode);
}

/** X-Registry-Auth for a pull of `repository` (`host/path`), from this machine's logins. */
export function registryAuthHeader(repository: string): string | undefined {
  const slash = repository.indexOf('/');
  const first = slash > 0 ? repository.slice(0, slash) : '';
  // Only a name with a registry host part has one to look up (short names resolve on the service).
  if (!/[.:]/.test(first) && first !== 'localhost') return undefined;
  const creds = lookupCredentials(first, repository.slice(slash + 1));
  if (!creds) return undefined;
  const json = creds.identityToken
    ? { identitytoken: creds.identityToken }
    : { username: creds.username, password: creds.password, serveraddress: first };
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}
