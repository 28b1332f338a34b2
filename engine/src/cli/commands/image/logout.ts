// `berth logout [REGISTRY]` / `--all`: removes credentials from the file `login` writes.
// Credentials that only docker's config holds are docker's to remove (podman says the same).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import {
  authKeyFor,
  removeAllCredentials,
  removeCredentials,
  writableAuthFile,
} from '../../../config/auth-file-write.js';
import { loadRegistriesConf } from '../../../config/registries-conf.js';
import { lookupCredentials } from '../../../config/registry-credentials.js';
import { AUTHFILE_FLAG } from './registry-flags.js';

const command: CommandModule = {
  usage: '[options] [REGISTRY]',
  description: 'Remove the cached username and password for the registry.',
  examples: [
    'berth logout quay.io',
    'berth logout --authfile authdir/myauths.json quay.io',
    'berth logout --all',
  ],
  flags: [
    {
      name: 'all',
      short: 'a',
      type: 'bool',
      help: 'Remove the cached credentials for all registries in the auth file',
    },
    AUTHFILE_FLAG,
  ],
  args: { max: 1 },
  async run(ctx) {
    const authfile = ctx.flags.string('authfile') || undefined;
    const file = writableAuthFile(process.env, authfile);
    if (ctx.flags.bool('all')) {
      removeAllCredentials(file);
      ctx.stdout.write('Removed login credentials for all registries\n');
      return;
    }
    const typed = ctx.args[0] ?? loadRegistriesConf().unqualifiedSearchRegistries[0];
    if (!typed) throw new CliError('please provide a registry to log out from');
    const registry = authKeyFor(typed);
    if (removeCredentials(file, registry)) {
      ctx.stdout.write(`Removed login credentials for ${registry}\n`);
      return;
    }
    if (!authfile && lookupCredentials(registry, '', {}))
      throw new CliError(
        `not logged into ${registry} with current tool. Existing credentials were established via docker login. Please use docker logout instead.`,
      );
    throw new CliError(`not logged into ${registry}`);
  },
};
export default command;
