// `berth network disconnect NETWORK CONTAINER`.
import { disconnectNetwork } from '../../../network/network-connect.js';
import type { CommandModule } from '../../command-spec.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options] NETWORK CONTAINER',
  description: 'Remove container from a network',
  examples: ['berth network disconnect mynet web'],
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'force removal of container from network' }],
  args: { min: 2, max: 2 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => {
      await disconnectNetwork(store, ctx.args[0]!, ctx.args[1]!);
    });
  },
};
export default command;
