// The registry flags podman's pull, push, login and logout share, declared once.
import type { FlagSpec } from '../../command-spec.js';
import type { ParsedFlags } from '../../flag-parser.js';

export const TLS_VERIFY_FLAG: FlagSpec = {
  name: 'tls-verify',
  type: 'bool',
  default: true,
  help: 'Require HTTPS and verify certificates when contacting registries',
};
export const AUTHFILE_FLAG: FlagSpec = {
  name: 'authfile',
  type: 'string',
  help: 'Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override',
};
export const CERT_DIR_FLAG: FlagSpec = {
  name: 'cert-dir',
  type: 'string',
  valueName: 'Pathname',
  help: 'Pathname of a directory containing TLS certificates and keys',
};
export const CREDS_FLAG: FlagSpec = {
  name: 'creds',
  type: 'string',
  valueName: '[username[:password]]',
  help: 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry',
};

/** undefined when --tls-verify was not given: then registries.conf and loopback decide. */
export function tlsVerifyOption(flags: ParsedFlags): boolean | undefined {
  return flags.has('tls-verify') ? flags.bool('tls-verify') : undefined;
}
