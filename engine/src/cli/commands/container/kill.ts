// `berth kill [-s SIGNAL] CONTAINER...`.
import { killContainer } from '../../../container/container-lifecycle.js';
import { parseSignal } from '../../../container/signals.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'The main process inside each container specified will be sent SIGKILL, or any signal specified with option --signal.',
  examples: ['berth kill mywebserver', 'berth kill 860a4b23', 'berth kill --signal TERM ctrID'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Signal all running containers' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'signal', short: 's', type: 'string', default: 'KILL', help: 'Signal to send to the container' },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const latest = ctx.flags.bool('latest');
    if (!all && !latest && ctx.args.length === 0)
      throw new CliError('you must provide at least one name or ID');
    const signal = parseSignal(ctx.flags.string('signal') ?? 'KILL');
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all, latest }, async (input) => {
        await killContainer(store, input, signal);
        return input;
      }),
    );
  },
};
export default command;
