// The registries domain on this host: the logins of the auth file `berth login` and podman use,
// and login/logout through the same code as the CLI (the credentials are checked with the
// registry before they are saved). Passwords go into the file and never come back out.
import type { DomainCalls } from '../contract/engine-contract.js';
import {
  authKeyFor,
  removeCredentials,
  saveCredentials,
  storedLogins,
  writableAuthFile,
} from '../config/auth-file-write.js';
import { loadRegistriesConf } from '../config/registries-conf.js';
import { CredentialsError } from '../config/registry-credentials.js';
import { RegistryAuthError } from '../image/image-errors.js';
import { checkLogin } from '../image/registry-login.js';
import type { WireErrorCode } from '../service/engine-error.js';
import { imageErrorCode } from './image-handlers.js';

type RegistryCalls = DomainCalls<'registries'>;

export function registryErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof RegistryAuthError) return 'invalid-input';
  if (error instanceof CredentialsError) return 'engine';
  return imageErrorCode(error);
}

export function registryCalls(): RegistryCalls {
  return {
    'registries.logins': async () => {
      const authFile = writableAuthFile();
      return { authFile, logins: storedLogins(authFile) };
    },
    'registries.login': async ({ registry: typed, username, password, tlsVerify }) => {
      const registry = authKeyFor(typed);
      await checkLogin({
        registry,
        credentials: { username, password },
        conf: loadRegistriesConf(),
        tlsVerify,
      });
      saveCredentials(writableAuthFile(), registry, { username, password });
      return { registry, username };
    },
    'registries.logout': async ({ registry }) => ({
      removed: removeCredentials(writableAuthFile(), registry),
    }),
  };
}
