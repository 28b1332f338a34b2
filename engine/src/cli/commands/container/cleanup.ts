// `berth container cleanup ID`: run by conmon after the container exits (see
// container/exit-command.ts); also safe to run by hand on an exited container.
import { cleanupExitedContainer } from '../../../container/container-exit.js';
import { requireContainer } from '../../../container/container-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'Cleans up mount points and network stacks on one or more containers from the host, after they exited.',
  examples: ['berth container cleanup ctrID1 ctrID2'],
  flags: [{ name: 'all', short: 'a', type: 'bool', help: 'Cleans up all containers' }],
  async run(ctx) {
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all: ctx.flags.bool('all') }, async (input) => {
        const id = requireContainer(store.db, input).id;
        await cleanupExitedContainer(store, id);
        return id;
      }),
    );
  },
};
export default command;
