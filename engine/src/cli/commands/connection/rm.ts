// `berth system connection rm NAME` (or `--all`): forgets destinations; removing the default
// leaves none (podman's behaviour: the user picks the next one).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

const command: CommandModule = {
  usage: '[options] NAME',
  description: 'Delete named destination from the Berth service configuration',
  examples: ['berth system connection remove devl', 'berth system connection rm devl'],
  flags: [{ name: 'all', short: 'a', type: 'bool', help: 'Remove all connections' }],
  args: { max: 1 },
  async run(ctx) {
    const { updateConnections } = await import('../../../client/connection-store.js');
    if (ctx.flags.bool('all')) {
      if (ctx.args.length > 0)
        throw new CliError('--all and a connection name cannot be used together: choose one');
      updateConnections((data) => {
        data.Connection = { Default: '', Connections: {} };
      });
      return;
    }
    const name = ctx.args[0];
    if (name === undefined)
      throw new CliError('accepts 1 arg(s), received 0: name the connection to remove, or use --all');
    const { removeConnection } = await import('../../../client/connection-edits.js');
    removeConnection(name);
  },
};
export default command;
