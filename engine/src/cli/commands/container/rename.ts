// `berth rename CONTAINER NAME`.
import { renameContainer } from '../../../container/container-rename.js';
import type { CommandModule } from '../../command-spec.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: 'CONTAINER NAME',
  description: 'Rename an existing container',
  examples: ['berth rename containerA newName'],
  args: { min: 2, max: 2 },
  async run(ctx) {
    return withContainerStore(ctx, async (store) => {
      await renameContainer(store, ctx.args[0]!, ctx.args[1]!);
    });
  },
};
export default command;
