// `login`'s check: are these credentials good for this registry? Asked the way podman asks, so
// that a refusal is known before anything is saved: GET /v2/ with Basic credentials, or a token
// from the Bearer realm obtained with them.
import { findRegistryEntry, insecureByDefault, type RegistriesConf } from '../config/registries-conf.js';
import type { Credentials } from '../config/registry-credentials.js';
import { ImageError, RegistryAuthError } from './image-errors.js';
import { RegistryClient } from './registry-client.js';

export interface LoginCheck {
  /** `host[:port]` or `host[:port]/namespace`, as the user typed it (normalised). */
  registry: string;
  credentials: Credentials;
  tlsVerify?: boolean;
  certDir?: string;
  conf: RegistriesConf;
}

export async function checkLogin(check: LoginCheck): Promise<void> {
  const host = check.registry.split('/')[0]!;
  const insecure =
    check.tlsVerify === undefined
      ? insecureByDefault(host, findRegistryEntry(check.conf, check.registry))
      : !check.tlsVerify;
  const client = new RegistryClient({
    registry: host,
    insecure,
    credentials: check.credentials,
    certDir: check.certDir,
  });
  try {
    await client.checkCredentials();
  } catch (error) {
    // Podman's wording, which scripts match; the user knows what to fix.
    if (error instanceof RegistryAuthError)
      throw new RegistryAuthError(`logging into "${check.registry}": invalid username/password`, {
        cause: error,
      });
    if (error instanceof ImageError)
      throw new ImageError(`logging into "${check.registry}": ${error.message}`, { cause: error });
    throw error;
  } finally {
    await client.close();
  }
}
