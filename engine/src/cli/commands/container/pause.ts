// `berth pause CONTAINER...`.
import { pauseContainer } from '../../../container/container-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description: 'Pauses all the processes in one or more containers.',
  examples: ['berth pause mywebserver', 'berth pause 860a4b23', 'berth pause --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Pause all containers' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const latest = ctx.flags.bool('latest');
    if (!all && !latest && ctx.args.length === 0)
      throw new CliError('you must provide at least one name or ID');
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all, latest }, async (input) => {
        const record = await pauseContainer(store, input, true);
        return all ? record.id : input;
      }),
    );
  },
};
export default command;
