// `berth restart [-t N] CONTAINER...`: stop (if running) then start.
import { restartContainer } from '../../../container/container-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'Restarts one or more running containers. The container ID or name can be used.\n\n  A timeout before forcibly stopping can be set, but defaults to 10 seconds.',
  examples: ['berth restart -l', 'berth restart ff6cf1e5e77e 52b1d3b8a3b1', 'berth restart --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Restart all non-running containers' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'running', type: 'bool', help: 'Restart only running containers when --all is used' },
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
    const timeout = ctx.flags.has('time') ? ctx.flags.int('time') : undefined;
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all, latest }, async (input) => {
        const record = await restartContainer(store, input, timeout);
        return all || latest ? record.id : input;
      }),
    );
  },
};
export default command;
