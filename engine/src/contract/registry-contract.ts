// The registries domain: the logins of the engine's auth file (the one `berth login` and podman
// use), and login/logout. The password goes in with `login` and is never sent back.
import { z } from 'zod';
import { call, defineDomain, returns } from './contract-spec.js';
import type { RegistryLogin, RegistryLoginsReport } from './registry-types.js';

/** `host[:port]` or `host[:port]/namespace`, optionally with a scheme (`https://quay.io/`). */
const registry = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\S+$/, 'a registry host without spaces, e.g. quay.io or 127.0.0.1:5000');

export const registryContract = defineDomain('registries', {
  calls: {
    'registries.logins': call(z.object({}).strict(), returns<RegistryLoginsReport>()),
    /** Checks the credentials with the registry first; only good ones are saved. */
    'registries.login': call(
      z
        .object({
          registry,
          username: z.string().min(1).max(512),
          password: z.string().min(1).max(65_536),
          /** Default: the registry's registries.conf entry (loopback hosts need no TLS). */
          tlsVerify: z.boolean().optional(),
        })
        .strict(),
      returns<RegistryLogin>(),
    ),
    /** False when the auth file had no entry for the registry. */
    'registries.logout': call(z.object({ registry }).strict(), returns<{ removed: boolean }>()),
  },
  streams: {},
});
