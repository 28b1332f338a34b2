// TLS material for a registry, found as podman finds it: the --cert-dir given, else
// /etc/containers/certs.d/<host[:port]>/ then /etc/docker/certs.d/<host[:port]>/. In that folder
// `*.crt` files are extra certificate authorities, and a `<name>.cert` with its `<name>.key` is a
// client certificate (mutual TLS).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { ImageError } from './image-errors.js';

export interface RegistryTlsOptions {
  ca?: string[];
  cert?: Buffer;
  key?: Buffer;
}

const SYSTEM_CERT_DIRS = ['/etc/containers/certs.d', '/etc/docker/certs.d'];

function listDir(dir: string): string[] | undefined {
  try {
    return readdirSync(dir).sort();
  } catch {
    return undefined;
  }
}

export function registryTlsOptions(registry: string, certDir?: string): RegistryTlsOptions {
  const dirs = certDir ? [certDir] : SYSTEM_CERT_DIRS.map((d) => path.join(d, registry));
  for (const dir of dirs) {
    const names = listDir(dir);
    if (names === undefined) {
      if (certDir) throw new ImageError(`--cert-dir ${certDir}: the folder cannot be read: check the path`);
      continue;
    }
    const options: RegistryTlsOptions = {};
    const authorities = names.filter((n) => n.endsWith('.crt'));
    // Extra authorities add to the system's; Node's `ca` would otherwise replace them.
    if (authorities.length > 0)
      options.ca = [...rootCertificates, ...authorities.map((n) => readFileSync(path.join(dir, n), 'utf8'))];
    const cert = names.find((n) => n.endsWith('.cert'));
    if (cert) {
      const key = `${cert.slice(0, -'.cert'.length)}.key`;
      if (!names.includes(key))
        throw new ImageError(
          `${path.join(dir, cert)} has no matching key ${key}: add the client key beside it, or remove the certificate`,
        );
      options.cert = readFileSync(path.join(dir, cert));
      options.key = readFileSync(path.join(dir, key));
    }
    return options;
  }
  return {};
}
