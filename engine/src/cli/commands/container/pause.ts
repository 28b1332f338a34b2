// `berth pause CONTAINER...` and `berth unpause CONTAINER...`: one command shape, two directions.
import { pauseContainer } from '../../../container/container-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

export function pauseCommand(pause: boolean): CommandModule {
  const verb = pause ? 'pause' : 'unpause';
  return {
    usage: '[options] CONTAINER [CONTAINER...]',
    description: `${pause ? 'Pauses' : 'Unpauses'} all the processes in one or more containers.`,
    examples: [`berth ${verb} mywebserver`, `berth ${verb} 860a4b23`, `berth ${verb} --all`],
    flags: [
      { name: 'all', short: 'a', type: 'bool', help: `${pause ? 'Pause' : 'Unpause'} all containers` },
      { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    ],
    async run(ctx) {
      const all = ctx.flags.bool('all');
      const latest = ctx.flags.bool('latest');
      if (!all && !latest && ctx.args.length === 0)
        throw new CliError('you must provide at least one name or ID');
      return withContainerStore(ctx, (store) =>
        forEachContainer(ctx, store, { all, latest }, async (input) => {
          const record = await pauseContainer(store, input, pause);
          return all ? record.id : input;
        }),
      );
    },
  };
}

export default pauseCommand(true);
