// `berth stop [-t N] CONTAINER...`: the stop signal, then SIGKILL after the timeout.
import { stopContainer } from '../../../container/container-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';
import { NoSuchContainerError } from '../../../container/container-lookup.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'Stops one or more running containers.  The container name or ID can be used.\n\n  A timeout to forcibly stop the container can also be set but defaults to 10 seconds otherwise.',
  examples: ['berth stop ctrID', 'berth stop --time 2 mywebserver 6e534f14da9d'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Stop all running containers' },
    { name: 'ignore', short: 'i', type: 'bool', help: 'Ignore errors when a specified container is missing' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: 10,
      help: 'Seconds to wait for stop before killing the container',
    },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const latest = ctx.flags.bool('latest');
    if (!all && !latest && ctx.args.length === 0)
      throw new CliError('you must provide at least one name or ID');
    if ((all || latest) && ctx.args.length > 0)
      throw new CliError('--all, --latest and containers cannot be used together');
    const timeout = ctx.flags.has('time') ? ctx.flags.int('time') : undefined;
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all, latest }, async (input) => {
        try {
          await stopContainer(store, input, { timeout });
        } catch (error) {
          if (ctx.flags.bool('ignore') && error instanceof NoSuchContainerError) return undefined;
          throw error;
        }
        return input;
      }),
    );
  },
};
export default command;
