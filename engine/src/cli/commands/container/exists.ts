// `berth container exists CONTAINER`: exit 0 when it exists, 1 when it does not; nothing printed.
import { findContainer } from '../../../container/container-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER',
  description:
    'If the named container exists in local storage, berth container exists exits with 0, otherwise the exit code will be 1.',
  examples: [
    'berth container exists containerID',
    'berth container exists myctr || berth run --name myctr [etc...]',
  ],
  flags: [
    { name: 'external', type: 'bool', help: 'Check external storage containers as well as Berth containers' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withContainerStore(ctx, async (store) => (findContainer(store.db, ctx.args[0]!) ? 0 : 1));
  },
};
export default command;
