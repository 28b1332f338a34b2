// `berth system connection add NAME DESTINATION [--identity KEY] [--default]`: records a unix
// socket or an ssh destination (stored with its port, as podman stores them). The first
// connection added becomes the default.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

const command: CommandModule = {
  usage: '[options] NAME DESTINATION',
  description:
    'Add destination to the Berth service(s)\n\n  DESTINATION is unix:///path/to/socket or ssh://[user@]host[:port]/path/to/socket',
  examples: [
    'berth system connection add local unix:///run/berth/berth.sock',
    'berth system connection add --identity ~/.ssh/dev_rsa --default devl ssh://root@example.com:2222/run/berth/berth.sock',
  ],
  flags: [
    { name: 'default', short: 'd', type: 'bool', help: 'Set connection to be default' },
    { name: 'identity', type: 'string', help: 'path to SSH identity file' },
  ],
  args: { min: 2, max: 2 },
  async run(ctx) {
    const [name, destination] = ctx.args as [string, string];
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
      throw new CliError(`invalid connection name "${name}": use letters, digits, "_", "." and "-"`);
    const identity = ctx.flags.string('identity') || undefined;
    if (identity !== undefined && !/^ssh:/i.test(destination))
      throw new CliError('--identity is only for ssh:// destinations');
    const { addConnection } = await import('../../../client/connection-edits.js');
    // As podman: adding a name that exists replaces it.
    addConnection({ name, destination, identity, makeDefault: ctx.flags.bool('default'), replace: true });
  },
};
export default command;
