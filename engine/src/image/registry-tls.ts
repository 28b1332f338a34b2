// TLS material for a registry, found as podman finds it (containers-certs.d(5)): the --cert-dir
// given, else $HOME/.config/containers/certs.d/<host[:port]>/, /etc/containers/certs.d/<host[:port]>/
// then /etc/docker/certs.d/<host[:port]>/; the first folder that exists is used. In that folder
// `*.crt` files are extra certificate authorities, and a `<name>.cert` with its `<name>.key` is a
// client certificate (mutual TLS).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
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

/** The per-host folders searched when no --cert-dir is given, the user's first. */
export function perHostCertDirs(registry: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME || os.homedir();
  return [path.join(home, '.config', 'containers', 'certs.d'), ...SYSTEM_CERT_DIRS].map((d) =>
    path.join(d, registry),
  );
}

export function registryTlsOptions(registry: string, certDir?: string): RegistryTlsOptions {
  const dirs = certDir ? [certDir] : perHostCertDirs(registry);
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

/**
 * OpenSSL's verification failures as Node reports them (error.code), plus Node's own host-name
 * mismatch: the server answered, but its certificate is not one we trust for that address.
 */
const CERTIFICATE_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * When `error` is a failed certificate verification: what failed and how to trust the registry,
 * podman's ways (a per-host certs.d folder, --cert-dir) or to skip the check (--tls-verify=false).
 */
export function certificateErrorAdvice(error: unknown, registry: string): string | undefined {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code !== 'string' || !CERTIFICATE_ERROR_CODES.has(e.code)) return undefined;
  const [userDir, systemDir] = perHostCertDirs(registry);
  return (
    `the TLS certificate of ${registry} is not trusted (${String(e.message)}, ${e.code}): ` +
    `put the CA certificate that signed it in ${systemDir}/ca.crt or ${userDir}/ca.crt, ` +
    'or pass --cert-dir DIR with DIR holding it as ca.crt; or use --tls-verify=false if you trust the network to it'
  );
}
